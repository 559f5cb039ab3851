import { fillWithDefaultSettings, randomToken, type RxJsonSchema, type RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom, take, toArray } from 'rxjs';
import { replicaStorage } from './replica-storage.js';

interface Secret {
  id: string;
  iin: string;
}

const schema = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, iin: { type: 'string' } },
  required: ['id', 'iin'],
  encrypted: ['iin'],
} as RxJsonSchema<Secret>);

describe('the replica’s storage stack', () => {
  const memory = getRxStorageMemory();
  let instance: RxStorageInstance<Secret, unknown, unknown>;
  let params: Parameters<typeof memory.createStorageInstance>[0];

  beforeEach(async () => {
    params = {
      databaseInstanceToken: randomToken(10),
      databaseName: `db${randomToken(6)}`,
      collectionName: 'secrets',
      schema: schema as never,
      options: {},
      multiInstance: false,
      devMode: false,
      password: 'a-replica-secret-of-some-length',
    };
    instance = (await replicaStorage(memory as never).createStorageInstance(params)) as RxStorageInstance<
      Secret,
      unknown,
      unknown
    >;
  });
  afterEach(() => instance.close());

  it('hands every listener the same decrypted change (one decryption however many listen)', async () => {
    const first = firstValueFrom(instance.changeStream().pipe(take(1), toArray()));
    const second = firstValueFrom(instance.changeStream().pipe(take(1), toArray()));
    const doc = { id: 'a', iin: '240202500123', _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } };
    const result = await instance.bulkWrite([{ document: doc }], 'test');
    expect(result.error).toEqual([]);
    const [[one], [two]] = await Promise.all([first, second]);
    expect(one).toBe(two);
    expect(one!.events[0]!.documentData).toMatchObject({ id: 'a', iin: '240202500123' });
    // What is stored is the ciphertext; what is read back is the plain value.
    const raw = await memory.createStorageInstance({
      ...params,
      schema: { ...schema, encrypted: [] } as never,
      password: undefined,
    });
    const [stored] = await raw.findDocumentsById(['a'], false);
    expect((stored as unknown as Secret).iin).toMatch(/^U2FsdGVk/); // crypto-js ciphertext ("Salted__")
    const [read] = await instance.findDocumentsById(['a'], false);
    expect(read).toMatchObject({ id: 'a', iin: '240202500123' });
  });
});
