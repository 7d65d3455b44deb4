// KafkaStreams' interactive-query methods before start and after close (no broker needed); the
// running behaviour is in test/integration/interactive-queries.test.ts.
import { expect } from 'chai';
import { IllegalStateError, StreamsNotStartedError } from '../../src/errors';
import { KafkaStreams, QueryableStoreTypes, Serdes, ValueAndTimestamp, type AsyncReadOnlyKeyValueStore } from '../../src/index';
import { countTopology } from './worker/support/topologies';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

describe('KafkaStreams interactive queries outside RUNNING/REBALANCING', () => {
  const config = { 'application.id': 'iq-unit', 'bootstrap.servers': '127.0.0.1:1', 'application.server': 'localhost:7070' };

  it('throws StreamsNotStartedError before start(), as Java does', () => {
    const streams = new KafkaStreams(countTopology(), config);
    const calls: [string, () => unknown][] = [
      ['store', () => streams.store({ storeName: 'counts', queryableStoreType: QueryableStoreTypes.keyValueStore<string, number>() })],
      ['metadataForAllStreamsClients', () => streams.metadataForAllStreamsClients()],
      ['streamsMetadataForStore', () => streams.streamsMetadataForStore('counts')],
      ['queryMetadataForKey', () => streams.queryMetadataForKey('counts', 'k', Serdes.String().serializer())],
      ['metadataForLocalThreads', () => streams.metadataForLocalThreads()],
    ];
    for (const [name, call] of calls) {
      expect(call, name).to.throw(StreamsNotStartedError, /KafkaStreams has not been started, you can retry after calling start\(\)/);
    }
  });

  it('throws IllegalStateError once closed', async () => {
    const streams = new KafkaStreams(countTopology(), config);
    await streams.close();
    expect(() => streams.store({ storeName: 'counts', queryableStoreType: QueryableStoreTypes.keyValueStore<string, number>() })).to.throw(IllegalStateError, /KafkaStreams is not running. State is NOT_RUNNING/);
    expect(() => streams.metadataForAllStreamsClients()).to.throw(IllegalStateError);
  });

  it('types the store by the queryable store type', () => {
    const streams = new KafkaStreams(countTopology(), config);
    const typed = (): void => {
      const _plain = streams.store({ storeName: 'counts', queryableStoreType: QueryableStoreTypes.keyValueStore<string, number>() });
      assertType<Equal<typeof _plain, AsyncReadOnlyKeyValueStore<string, number>>>();
      const _timestamped = streams.store({ storeName: 'counts', queryableStoreType: QueryableStoreTypes.timestampedKeyValueStore<string, number>(), enableStaleStores: true });
      assertType<Equal<typeof _timestamped, AsyncReadOnlyKeyValueStore<string, ValueAndTimestamp<number>>>>();
      assertType<Equal<ReturnType<typeof _plain.get>, Promise<number | null>>>();
    };
    expect(typed).to.throw(StreamsNotStartedError);
  });
});
