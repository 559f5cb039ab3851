import { fillWithDefaultSettings, type RxJsonSchema } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { groupRxSchema, referralRxSchema } from './rx-schemas.js';
import { compiledValidator } from './validate-storage.js';

const group = {
  id: '0190a7e4-0000-7000-8000-000000000001',
  kindergartenId: '0190a7e4-0000-7000-8000-000000000002',
  name: 'Балапан',
  ageGroup: 'junior',
  nextAgeGroup: null,
  nextAgeGroupOn: null,
  language: 'ru',
  capacity: 25,
  rev: 1,
  updatedAt: '2026-06-10T10:00:00.000Z',
  _deleted: false,
  _rev: '1-a',
  _meta: { lwt: 1 },
  _attachments: {},
};

describe('the replica’s document validation (z-schema, the schema compiled once)', () => {
  const schema = fillWithDefaultSettings(groupRxSchema as never) as RxJsonSchema<unknown>;

  it('accepts what RxDB’s own z-schema plugin accepts, and refuses what it refuses, naming the field', () => {
    const ours = compiledValidator(schema);
    const theirs = getValidator(schema) as (doc: unknown) => Array<{ path: string }>;
    const cases = [
      group,
      { ...group, capacity: 61 },
      { ...group, name: 7 },
      { ...group, id: undefined },
      { ...group, extra: 'field' },
    ];
    for (const doc of cases) {
      const errors = ours(doc);
      expect(errors.length > 0).toBe(theirs(doc).length > 0);
      expect(errors.map((e) => (e as unknown as { path: string }).path)).toEqual(theirs(doc).map((e) => e.path));
    }
    expect(ours(group)).toEqual([]);
    expect(ours({ ...group, capacity: 61 })).toEqual([
      expect.objectContaining({ field: '#/capacity', message: expect.stringContaining('61') }),
    ]);
  });

  it('keeps each schema apart (one validator per schema)', () => {
    const groups = compiledValidator(schema);
    const referrals = compiledValidator(fillWithDefaultSettings(referralRxSchema as never) as RxJsonSchema<unknown>);
    expect(groups(group)).toEqual([]);
    expect(referrals(group).length).toBeGreaterThan(0);
    expect(groups(group)).toEqual([]);
  });
});
