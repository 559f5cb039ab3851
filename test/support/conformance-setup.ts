// Setup of the `conformance` vitest project: RxDB's test utilities need the dev-mode plugin and
// a storage configured through their own setConfig (memory, wrapped in a schema validator as
// dev-mode demands).
import { addRxPlugin } from 'rxdb/plugins/core';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { setConfig } from 'rxdb/plugins/test-utils';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);

const storage = () => wrappedValidateZSchemaStorage({ storage: getRxStorageMemory() });
setConfig({
  storage: {
    name: 'memory',
    getStorage: storage,
    getPerformanceStorage: () => ({ storage: storage(), description: 'memory (validated)' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: true,
    hasReplication: true,
  },
});
