import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collectionSchemas, openReplica } from './replica.js';
import { referralRxSchemaV0 } from './rx-schemas.js';

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

describe('the local replica’s schema migration', () => {
  it('opens a replica made by the previous schema version and keeps its documents', async () => {
    const storage = getRxStorageMemory();
    const name = `migration${Date.now()}`;
    const previous = await openReplica(name, {
      storage,
      schemas: { ...collectionSchemas, referrals: referralRxSchemaV0 },
    });
    await previous.referrals.insert({ ...referral });
    await previous.close();

    const current = await openReplica(name, { storage });
    const doc = await current.referrals.findOne(referral.id).exec();
    expect(doc?.childFullName).toBe('Сейткали Айару');
    expect(current.referrals.schema.version).toBe(1);
    await current.remove();
  });
});
