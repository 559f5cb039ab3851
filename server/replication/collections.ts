import type { ReplicatedCollection } from '../../shared/replication/protocol.js';
import { iso, type CollectionPolicy } from './core.js';

const kindergartens: CollectionPolicy = {
  name: 'kindergartens',
  table: 'kindergartens',
  scope: 'id = $1',
  columns: 'id, name_ru, name_kk, city, address, rev, updated_at',
  toDocument: (r) => ({
    id: String(r.id),
    nameRu: r.name_ru,
    nameKk: r.name_kk,
    city: r.city,
    address: r.address,
    rev: r.rev,
    updatedAt: iso(r.updated_at),
  }),
};

const groups: CollectionPolicy = {
  name: 'groups',
  table: 'groups',
  scope: 'kindergarten_id = $1',
  columns: 'id, kindergarten_id, name, age_group, language, capacity, rev, updated_at',
  toDocument: (r) => ({
    id: String(r.id),
    kindergartenId: r.kindergarten_id,
    name: r.name,
    ageGroup: r.age_group,
    language: r.language,
    capacity: r.capacity,
    rev: r.rev,
    updatedAt: iso(r.updated_at),
  }),
};

export const commandColumns =
  'id, kind, payload, device_id, device_time, status, rejection, executed_at, rev, updated_at';

const commands: CollectionPolicy = {
  name: 'commands',
  table: 'commands',
  scope: 'kindergarten_id = $1',
  columns: commandColumns,
  toDocument: (r) => ({
    id: String(r.id),
    kind: r.kind,
    payload: r.payload,
    deviceId: r.device_id,
    deviceTime: iso(r.device_time),
    status: r.status,
    rejection: r.rejection ?? null,
    executedAt: r.executed_at ? iso(r.executed_at) : null,
    rev: r.rev,
    updatedAt: iso(r.updated_at),
  }),
};

export const collectionPolicies: Record<ReplicatedCollection, CollectionPolicy> = { kindergartens, groups, commands };
