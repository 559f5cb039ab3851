import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { v7 as uuidv7 } from 'uuid';
import { collectionSchemas, openReplica, unencryptedCollectionSchemas } from './replica.js';
import { iinHash, iinHashFor } from './replica-crypto.js';
import { referralRxSchemaV0, referralRxSchemaV3 } from './rx-schemas.js';

const SECRET = 'a'.repeat(64);

const referral = {
  id: '0191d2a0-0000-7000-8000-00000000f001',
  number: 'N-1',
  seatId: '0191d2a0-0000-7000-8000-00000000f002',
  publicationId: '0191d2a0-0000-7000-8000-00000000f003',
  kindergartenId: '0191d2a0-0000-7000-8000-000000000001',
  groupId: '0191d2a0-0000-7000-8000-000000000100',
  applicantId: '0191d2a0-0000-7000-8000-00000000f004',
  childFullName: 'Сейткали Айару',
  childBirthDate: '2025-01-15',
  childIin: '250115600011',
  representativeFullName: 'Сейткали Асель',
  representativePhone: '',
  availableFrom: '2026-06-03',
  claimedAt: '2026-06-03T05:00:00.000Z',
  claimedInPhase: 'queue_window',
  contractDeadline: '2026-06-10T18:59:59.999Z',
  status: 'active',
  contractConcludedAt: null,
  contractConcludedBy: null,
  enrollmentId: null,
  closedAt: null,
  closeReason: null,
  rev: 1,
  updatedAt: '2026-06-03T05:00:00.000Z',
} as const;

const departure = {
  id: '0191d2a0-0000-7000-8000-00000000f005',
  kindergartenId: referral.kindergartenId,
  groupId: referral.groupId,
  kind: 'graduation',
  departsOn: '2026-06-30',
  orderNumber: '15-в',
  orderDate: '2026-06-03',
  reason: '',
  enrollmentId: null,
  children: 3,
  rev: 1,
  updatedAt: '2026-06-03T05:00:00.000Z',
} as const;

const pendingCommand = () => ({
  id: uuidv7(),
  kind: 'group.setCapacity',
  payload: { groupId: referral.groupId, capacity: 18 },
  deviceId: 'device-1',
  deviceTime: '2026-06-03T05:00:00.000Z',
  status: 'pending',
  rejection: null,
  executedAt: null,
  rev: 0,
  updatedAt: '2026-06-03T05:00:00.000Z',
});

describe('the local replica’s schema migration', () => {
  it('opens a replica made before encryption at rest (two schema versions back), keeping its documents and pending commands', async () => {
    const storage = getRxStorageMemory();
    const name = `migration${Date.now()}`;
    const previous = await openReplica(name, {
      storage,
      schemas: { ...unencryptedCollectionSchemas, referrals: referralRxSchemaV0 },
    });
    await previous.referrals.insert({ ...referral } as never);
    await previous.departures.insert({ ...departure } as never);
    const command = pendingCommand();
    await previous.commands.insert(command as never);
    await previous.close();

    const current = await openReplica(name, { storage, secret: SECRET });
    const doc = await current.referrals.findOne(referral.id).exec();
    expect(doc?.childFullName).toBe('Сейткали Айару');
    expect(doc?.childIin).toBe(referral.childIin);
    expect(doc?.childIinHash).toBe(await iinHash(SECRET, referral.childIin));
    expect(current.referrals.schema.version).toBe(4);
    expect(doc?.closeNote).toBe('');
    expect(doc?.applicantPriority).toBeNull();
    expect(current.enrollments.schema.version).toBe(1);
    // Departures v1: none was cancelled by an older desk.
    expect((await current.departures.findOne(departure.id).exec())?.toJSON()).toMatchObject({
      kind: 'graduation',
      cancelledAt: null,
      cancelOrderNumber: '',
      cancelOrderDate: null,
    });
    expect((await current.commands.findOne(command.id).exec())?.status).toBe('pending');
    await current.close();

    // Reopened with its secret: the same replica, no second carry-over.
    const again = await openReplica(name, { storage, secret: SECRET });
    expect(await again.referrals.count().exec()).toBe(1);
    await again.remove();
  });

  it('opens an encrypted replica of referrals v3, its referrals without a category until the pull brings it', async () => {
    const storage = getRxStorageMemory();
    const name = `v3${Date.now()}`;
    const previous = await openReplica(name, {
      storage,
      secret: SECRET,
      schemas: { ...collectionSchemas, referrals: referralRxSchemaV3 },
    });
    const childIinHash = await iinHashFor(previous, referral.childIin);
    await previous.referrals.insert({ ...referral, closeNote: 'по заявлению', childIinHash } as never);
    const command = pendingCommand();
    await previous.commands.insert(command as never);
    await previous.close();

    const current = await openReplica(name, { storage, secret: SECRET });
    expect(current.referrals.schema.version).toBe(4);
    const doc = await current.referrals.findOne(referral.id).exec();
    expect(doc?.toJSON()).toMatchObject({ closeNote: 'по заявлению', childIinHash, applicantPriority: null });
    expect((await current.commands.findOne(command.id).exec())?.status).toBe('pending');
    // The server's document, as the pull brings it again: the category is stored; an unknown one is not.
    await current.referrals.upsert({
      ...referral,
      closeNote: 'по заявлению',
      childIinHash,
      applicantPriority: 'first',
      rev: 2,
    });
    expect((await current.referrals.findOne(referral.id).exec())?.applicantPriority).toBe('first');
    await expect(
      current.referrals.upsert({ ...referral, closeNote: '', childIinHash, applicantPriority: 'vip' as never, rev: 3 }),
    ).rejects.toThrow();
    expect((await current.referrals.findOne(referral.id).exec())?.applicantPriority).toBe('first');
    await current.remove();
  });

  it('stores the IIN and the phone encrypted and finds a child by the IIN’s keyed hash', async () => {
    const storage = getRxStorageMemory();
    const name = `encrypted${Date.now()}`;
    const db = await openReplica(name, { storage, secret: SECRET });
    const hash = await iinHashFor(db, referral.childIin);
    await db.referrals.insert({
      ...referral,
      closeNote: '',
      applicantPriority: 'general',
      representativePhone: '+77011234567',
      childIinHash: hash,
    });
    const found = await db.referrals.find({ selector: { childIinHash: await iinHashFor(db, '250115600011') } }).exec();
    expect(found.map((d) => d.id)).toEqual([referral.id]);
    expect(await iinHashFor(db, '250115600012')).not.toBe(hash);
    await db.close();

    // What the storage itself holds: no IIN or phone in clear.
    const raw = await storage.createStorageInstance({
      databaseInstanceToken: 'raw',
      databaseName: name,
      collectionName: 'referrals',
      schema: wrappedSchemaOf(collectionSchemas.referrals),
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const stored = JSON.stringify(await raw.findDocumentsById([referral.id], false));
    await raw.close();
    expect(stored).toContain('Сейткали Айару');
    expect(stored).not.toContain('250115600011');
    expect(stored).not.toContain('77011234567');
  });
});

function wrappedSchemaOf(schema: unknown) {
  const { encrypted: _encrypted, ...plain } = schema as RxJsonSchema<Record<string, unknown>>;
  return fillWithDefaultSettings(plain as RxJsonSchema<Record<string, unknown>>) as never;
}
