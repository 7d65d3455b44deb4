import { expect } from 'chai';
import { IllegalStateError } from '../../../../src/errors';
import { Serdes } from '../../../../src/core/serde/serdes';
import { LevelDbKeyValueStore } from '../../../../src/core/state/leveldb-key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import type { TimestampedKeyValueStore } from '../../../../src/core/state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { tempTaskStorage, type TempTaskStorage } from './support/temp-task-storage';

describe('LevelDbKeyValueStore', () => {
  let temp: TempTaskStorage;

  beforeEach(async () => {
    temp = await tempTaskStorage();
  });

  afterEach(async () => {
    await temp.dispose();
  });

  it('fails init with an IllegalStateError naming the store when its task has no TaskStorage', async () => {
    const store = new LevelDbKeyValueStore('counts');
    let failure: unknown;
    try {
      await store.init(new FakeStateStoreContext(), store);
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(IllegalStateError);
    expect((failure as IllegalStateError).message).to.match(/Store counts is persistent/);
    expect(store.isOpen()).to.equal(false);
  });

  it('writes nothing at flush: only the task commit reaches LevelDB', async () => {
    const store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('s'), Serdes.String(), Serdes.String()).withCachingEnabled().build();
    await store.init(new FakeStateStoreContext({ taskStorage: temp.storage, cacheMaxBytes: 1 << 20 }), store);
    store.put('k', 'v');
    await store.flush();
    expect(temp.storage.pendingWritesBytes()).to.be.greaterThan(0);
    await temp.storage.commit();
    expect(temp.storage.pendingWritesBytes()).to.equal(0);
  });

  it('keeps ValueAndTimestamp values of a timestamped store across a restart', async () => {
    const open = async (storage = temp.storage): Promise<TimestampedKeyValueStore<string, string>> => {
      const store = Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore('s'), Serdes.String(), Serdes.String()).build();
      await store.init(new FakeStateStoreContext({ taskStorage: storage }), store);
      return store;
    };
    const store = await open();
    store.put('k', ValueAndTimestamp.make('v', 42));
    await temp.storage.commit();
    await temp.storage.close();
    expect((await open(temp.reopen())).get('k')).to.deep.equal(ValueAndTimestamp.make('v', 42));
  });
});
