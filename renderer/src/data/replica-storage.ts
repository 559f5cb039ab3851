import { share } from 'rxjs';
import type { RxStorage, RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { wrappedValidateCompiledZSchemaStorage } from './validate-storage.js';

/**
 * One change stream per storage instance, however many listen. RxDB's storage wrappers build a
 * new pipeline for every subscriber of `changeStream()`, and the encryption wrapper's pipeline
 * decrypts every written document: with the collection and a replication's upstream both
 * listening (the upstream listens even when nothing is pushed), each replicated document was
 * decrypted twice. Shared, it is decrypted once (the first sync of 20,000 enrollments spent
 * ~2 s of its main thread on the second copy).
 */
export function withSharedChangeStream<Internals, Settings>(
  storage: RxStorage<Internals, Settings>,
): RxStorage<Internals, Settings> {
  return {
    ...storage,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, Settings>,
    ): Promise<RxStorageInstance<RxDocType, Internals, Settings>> {
      const instance = await storage.createStorageInstance(params);
      const changes = instance.changeStream().pipe(share());
      return new Proxy(instance, {
        get(target, property, receiver) {
          if (property === 'changeStream') return () => changes;
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
}

/**
 * The replica's storage stack over a base storage (Dexie in the app): validation sees the plain
 * documents; the encryption layer below it stores the ciphertext; one change stream on top.
 */
export const replicaStorage = (storage: RxStorage<unknown, unknown>) =>
  withSharedChangeStream(
    wrappedValidateCompiledZSchemaStorage({ storage: wrappedKeyEncryptionCryptoJsStorage({ storage }) }),
  );
