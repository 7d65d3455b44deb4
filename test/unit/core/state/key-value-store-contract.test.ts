// Runs the key-value store contract against every stack the builders make: one suite, the
// in-memory and the LevelDB inner stores under the same layers.
import { KeyValueStoreBuilder } from '../../../../src/core/state/key-value-store-builder';
import type { KeyValueBytesStoreSupplier } from '../../../../src/core/state/key-value-bytes-store-supplier';
import { Stores } from '../../../../src/core/state/stores';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { keyValueStoreContract, type KeyValueStoreUnderTest } from './support/key-value-store-contract';
import { tempTaskStorage } from './support/temp-task-storage';
import { bufferSerde, stringSerde } from './support/test-serdes';

interface Stack {
  title: string;
  supplier: () => KeyValueBytesStoreSupplier;
  caching: boolean;
  logging: boolean;
  cacheMaxBytes: number;
  /**
   * LevelDB stacks: whether the task commits after every flush of the store, so scans merge
   * committed entries with pending writes (without, everything stays pending).
   */
  commitOnFlush?: boolean;
}

const MIB = 1024 * 1024;

const stacks: Stack[] = [
  { title: 'in-memory', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: false, logging: false, cacheMaxBytes: 0 },
  { title: 'in-memory, logged', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: false, logging: true, cacheMaxBytes: 0 },
  { title: 'in-memory, cached (1 MiB)', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: true, logging: false, cacheMaxBytes: MIB },
  { title: 'in-memory, cached (1 MiB) and logged', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: MIB },
  // About three entries fit: scans merge a cache that is evicting as the test writes.
  { title: 'in-memory, cached (200 bytes) and logged', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: 200 },
  { title: 'in-memory, cached (0 bytes) and logged', supplier: () => Stores.inMemoryKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: 0 },
  { title: 'lruMap with room for every entry, logged', supplier: () => Stores.lruMap('s', 1000), caching: false, logging: true, cacheMaxBytes: 0 },
  { title: 'LevelDB, never committed', supplier: () => Stores.persistentKeyValueStore('s'), caching: false, logging: false, cacheMaxBytes: 0, commitOnFlush: false },
  { title: 'LevelDB, committed at every flush', supplier: () => Stores.persistentKeyValueStore('s'), caching: false, logging: false, cacheMaxBytes: 0, commitOnFlush: true },
  { title: 'LevelDB, logged, committed at every flush', supplier: () => Stores.persistentKeyValueStore('s'), caching: false, logging: true, cacheMaxBytes: 0, commitOnFlush: true },
  { title: 'LevelDB, cached (1 MiB) and logged, committed at every flush', supplier: () => Stores.persistentKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: MIB, commitOnFlush: true },
  { title: 'LevelDB, cached (200 bytes) and logged, committed at every flush', supplier: () => Stores.persistentKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: 200, commitOnFlush: true },
  { title: 'LevelDB (timestamped supplier), cached (0 bytes), never committed', supplier: () => Stores.persistentTimestampedKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: 0, commitOnFlush: false },
];

for (const stack of stacks) {
  keyValueStoreContract(stack.title, async (): Promise<KeyValueStoreUnderTest> => {
    const builder = new KeyValueStoreBuilder(stack.supplier(), bufferSerde, stringSerde);
    if (stack.caching) builder.withCachingEnabled();
    if (!stack.logging) builder.withLoggingDisabled();
    const store = builder.build();
    const temp = stack.commitOnFlush === undefined ? undefined : await tempTaskStorage();
    const context = new FakeStateStoreContext({ cacheMaxBytes: stack.cacheMaxBytes, metered: true, taskStorage: temp?.storage });
    await store.init(context, store);
    if (temp && stack.commitOnFlush) {
      // The task's commit sequence: flush the stores, then commit the storage.
      const flush = store.flush.bind(store);
      store.flush = async () => {
        await flush();
        await temp.storage.commit();
      };
    }
    return { store, context, openIterators: () => store.numOpenIterators(), dispose: temp?.dispose };
  });
}
