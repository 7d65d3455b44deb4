// Runs the key-value store contract against every in-memory stack the builders make.
import { KeyValueStoreBuilder } from '../../../../src/core/state/key-value-store-builder';
import type { KeyValueBytesStoreSupplier } from '../../../../src/core/state/key-value-bytes-store-supplier';
import { Stores } from '../../../../src/core/state/stores';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { keyValueStoreContract, type KeyValueStoreUnderTest } from './support/key-value-store-contract';
import { bufferSerde, stringSerde } from './support/test-serdes';

interface Stack {
  title: string;
  supplier: () => KeyValueBytesStoreSupplier;
  caching: boolean;
  logging: boolean;
  cacheMaxBytes: number;
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
  { title: 'persistent stand-in, cached and logged', supplier: () => Stores.persistentKeyValueStore('s'), caching: true, logging: true, cacheMaxBytes: MIB },
  { title: 'lruMap with room for every entry, logged', supplier: () => Stores.lruMap('s', 1000), caching: false, logging: true, cacheMaxBytes: 0 },
];

for (const stack of stacks) {
  keyValueStoreContract(stack.title, async (): Promise<KeyValueStoreUnderTest> => {
    const builder = new KeyValueStoreBuilder(stack.supplier(), bufferSerde, stringSerde);
    if (stack.caching) builder.withCachingEnabled();
    if (!stack.logging) builder.withLoggingDisabled();
    const store = builder.build();
    const context = new FakeStateStoreContext({ cacheMaxBytes: stack.cacheMaxBytes, metered: true });
    await store.init(context, store);
    return { store, context, openIterators: () => store.numOpenIterators() };
  });
}
