import { expect } from 'chai';
import { StreamsError } from '../../../../src/errors';
import { Change } from '../../../../src/core/processor/change';
import type { InternalProcessorContext } from '../../../../src/core/processor/internal-processor-context';
import type { Processor } from '../../../../src/core/processor/processor';
import type { ProcessorRecordContext } from '../../../../src/core/processor/processor-record-context';
import { Record } from '../../../../src/core/processor/record';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { StreamAggregateSupplier } from '../../../../src/core/processor/stream-aggregate';
import { StreamReduceSupplier } from '../../../../src/core/processor/stream-reduce';
import { TableAggregateSupplier } from '../../../../src/core/processor/table-aggregate';
import type { ParentTable } from '../../../../src/core/processor/table-processor-supplier';
import { TableReduceSupplier } from '../../../../src/core/processor/table-reduce';
import { TableRepartitionMapSupplier } from '../../../../src/core/processor/table-repartition-map';
import { TableSourceSupplier } from '../../../../src/core/processor/table-source';
import { TaskId } from '../../../../src/core/processor/task-id';
import type { DropReason } from '../../../../src/core/processor/task-sensors';
import type { StateStore } from '../../../../src/core/state/state-store';
import type { TimestampedKeyValueStore } from '../../../../src/core/state/timestamped-key-value-store';
import type { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';

/** A timestamped store in a Map, without a caching layer: processors forward themselves. */
function mapStore<K, V>(name: string): TimestampedKeyValueStore<K, V> & { map: Map<K, ValueAndTimestamp<V>> } {
  const map = new Map<K, ValueAndTimestamp<V>>();
  const unsupported = (): never => {
    throw new Error('not used by these tests');
  };
  return {
    map,
    name: () => name,
    init: () => undefined,
    flush: () => undefined,
    close: () => undefined,
    persistent: () => false,
    isOpen: () => true,
    get: (key) => map.get(key) ?? null,
    put: (key, value) => {
      if (value === null) map.delete(key);
      else map.set(key, value);
    },
    putIfAbsent: unsupported,
    putAll: unsupported,
    delete: unsupported,
    range: unsupported,
    reverseRange: unsupported,
    all: unsupported,
    reverseAll: unsupported,
    prefixScan: unsupported,
    approximateNumEntries: () => map.size,
  };
}

interface Forwarded {
  key: unknown;
  value: unknown;
  timestamp: number;
}

function fakeContext(stores: StateStore[] = [], appConfigs: { [key: string]: unknown } = {}) {
  const forwarded: Forwarded[] = [];
  const dropped: DropReason[] = [];
  const recordContext: ProcessorRecordContext = { timestamp: 0, topic: 'input', partition: 0, offset: 0, headers: new RecordHeaders() };
  const context: InternalProcessorContext<unknown, unknown> = {
    sensors: { recordDropped: (reason) => void dropped.push(reason) },
    applicationId: () => 'app',
    taskId: () => new TaskId(0, 0),
    recordMetadata: () => ({ topic: 'input', partition: 0, offset: 0 }),
    recordContext: () => recordContext,
    currentNodeName: () => 'node',
    keySerde: () => null,
    valueSerde: () => null,
    stateDir: () => '/tmp',
    appConfigs: () => appConfigs,
    currentSystemTimeMs: () => 0,
    currentStreamTimeMs: () => 0,
    getStateStore: <S extends StateStore>(name: string) => stores.find((s) => s.name() === name) as S,
    schedule: () => ({ cancel: () => undefined }),
    commit: () => undefined,
    forward: (record) => void forwarded.push({ key: record.key, value: record.value, timestamp: record.timestamp }),
  };
  return { context, forwarded, dropped };
}

function init<KIn, VIn, KOut, VOut>(processor: Processor<KIn, VIn, KOut, VOut>, context: InternalProcessorContext<unknown, unknown>): Processor<KIn, VIn, KOut, VOut> {
  processor.init?.(context as never);
  return processor;
}

const noParent: ParentTable<string, string> = {
  enableSendingOldValues: () => true,
  valueGetterSupplier: () => {
    throw new Error('not used');
  },
};

describe('table processors', () => {
  describe('TableSourceSupplier', () => {
    it('is materialized by sending old values or by a value getter, and only then writes its store', () => {
      const supplier = new TableSourceSupplier<string, string>('topic-STATE-STORE-0000000000', null);
      expect(supplier.materialized()).to.equal(false);
      const { context, forwarded } = fakeContext();
      init(supplier.get(), context).process(new Record('k', 'v', 5));
      expect(forwarded).to.deep.equal([{ key: 'k', value: new Change('v', null), timestamp: 5 }]);

      expect(supplier.view().storeNames()).to.deep.equal(['topic-STATE-STORE-0000000000']);
      expect(supplier.materialized()).to.equal(true);
    });

    it('sends the replaced value once old values are enabled', () => {
      const supplier = new TableSourceSupplier<string, string>('s', null);
      supplier.enableSendingOldValues();
      const store = mapStore<string, string>('s');
      const { context, forwarded } = fakeContext([store]);
      const processor = init(supplier.get(), context);
      processor.process(new Record('k', 'v1', 5));
      processor.process(new Record('k', 'v2', 4));
      processor.process(new Record('k', null as unknown as string, 6));
      expect(forwarded.map((f) => [f.value, f.timestamp])).to.deep.equal([
        [new Change('v1', null), 5],
        [new Change('v2', 'v1'), 4],
        [new Change(null, 'v2'), 6],
      ]);
      expect(store.map.size).to.equal(0);
    });
  });

  describe('TableRepartitionMapSupplier', () => {
    const selector = (_key: string, value: string) => ({ key: value.split(':')[0], value: value.split(':')[1] });

    it('sends the removal to the old group before the addition to the new one', () => {
      const { context, forwarded } = fakeContext();
      init(new TableRepartitionMapSupplier(noParent, selector).get(), context).process(new Record('k', new Change('b:2', 'a:1'), 7));
      expect(forwarded).to.deep.equal([
        { key: 'a', value: new Change(null, '1'), timestamp: 7 },
        { key: 'b', value: new Change('2', null), timestamp: 7 },
      ]);
    });

    it('sends one record when both values select the same key (Kafka >= 3.5), two with upgrade.from 3.4', () => {
      const { context, forwarded } = fakeContext();
      init(new TableRepartitionMapSupplier(noParent, selector).get(), context).process(new Record('k', new Change('a:2', 'a:1'), 7));
      expect(forwarded).to.deep.equal([{ key: 'a', value: new Change('2', '1'), timestamp: 7 }]);

      const upgrading = fakeContext([], { 'upgrade.from': '3.4' });
      init(new TableRepartitionMapSupplier(noParent, selector).get(), upgrading.context).process(new Record('k', new Change('a:2', 'a:1'), 7));
      expect(upgrading.forwarded.map((f) => f.value)).to.deep.equal([new Change(null, '1'), new Change('2', null)]);
    });

    it('drops a selected pair with a null key or value, and fails on a null record key', () => {
      const { context, forwarded } = fakeContext();
      const processor = init(new TableRepartitionMapSupplier<string, string, string | null, string>(noParent, (_k, v) => ({ key: v === 'x' ? null : v, value: v })).get(), context);
      processor.process(new Record('k', new Change('x', null), 1));
      expect(forwarded).to.deep.equal([]);
      expect(() => processor.process(new Record(null as unknown as string, new Change('a', null), 1))).to.throw(StreamsError, 'Record key for the grouping KTable should not be null.');
    });
  });

  describe('TableAggregateSupplier and TableReduceSupplier', () => {
    it('subtract, then add; aggregate takes max(record, aggregate) timestamps whenever the aggregate existed', () => {
      const store = mapStore<string, number>('agg');
      const supplier = new TableAggregateSupplier<string, number, number>('agg', () => 0, (_k, v, a) => a + v, (_k, v, a) => a - v);
      supplier.enableSendingOldValues();
      const { context, forwarded } = fakeContext([store]);
      const processor = init(supplier.get(), context);
      processor.process(new Record('g', new Change(5, null), 10));
      processor.process(new Record('g', new Change(7, 5), 3));
      processor.process(new Record('g', new Change<number>(null, 7), 4));
      expect(forwarded.map((f) => [f.value, f.timestamp])).to.deep.equal([
        [new Change(5, null), 10],
        [new Change(7, 5), 10],
        [new Change(0, 7), 10],
      ]);
    });

    it("reduce takes a new group's first value as it is, with the record's timestamp", () => {
      const store = mapStore<string, number>('red');
      const supplier = new TableReduceSupplier<string, number>('red', (a, v) => a + v, (a, v) => a - v);
      const { context, forwarded } = fakeContext([store]);
      const processor = init(supplier.get(), context);
      processor.process(new Record('g', new Change(5, null), 10));
      processor.process(new Record('g', new Change<number>(null, 5), 3));
      processor.process(new Record('g', new Change(2, null), 1));
      // without sendOldValues, old values are not forwarded
      expect(forwarded.map((f) => [f.value, f.timestamp])).to.deep.equal([
        [new Change(5, null), 10],
        [new Change(0, null), 10],
        [new Change(2, null), 10],
      ]);
    });

    it('fail on a null key, naming the store', () => {
      const store = mapStore<string, number>('agg');
      const { context } = fakeContext([store]);
      const processor = init(new TableAggregateSupplier<string, number, number>('agg', () => 0, (_k, v, a) => a + v, (_k, v, a) => a - v).get(), context);
      expect(() => processor.process(new Record(null as unknown as string, new Change(1, null), 1))).to.throw(
        'Record key for KTable aggregate operator with state agg should not be null.',
      );
    });
  });

  describe('StreamAggregateSupplier and StreamReduceSupplier', () => {
    it('fold records into the key’s aggregate with max timestamps and drop null keys and values', () => {
      const store = mapStore<string, number>('count');
      const { context, forwarded, dropped } = fakeContext([store]);
      const processor = init(new StreamAggregateSupplier<string, string, number>('count', () => 0, (_k, _v, a) => a + 1).get(), context);
      processor.process(new Record('a', 'x', 5));
      processor.process(new Record('a', 'y', 2));
      processor.process(new Record(null as unknown as string, 'z', 9));
      processor.process(new Record('a', null as unknown as string, 9));
      expect(forwarded.map((f) => [f.key, f.value, f.timestamp])).to.deep.equal([
        ['a', new Change(1, null), 5],
        ['a', new Change(2, null), 5],
      ]);
      expect(dropped).to.deep.equal(['null-key', 'null-key']);
    });

    it('reduce sends old values once asked to', () => {
      const store = mapStore<string, string>('r');
      const supplier = new StreamReduceSupplier<string, string>('r', (a, v) => a + v);
      supplier.enableSendingOldValues();
      const { context, forwarded } = fakeContext([store]);
      const processor = init(supplier.get(), context);
      processor.process(new Record('a', 'x', 1));
      processor.process(new Record('a', 'y', 2));
      expect(forwarded.map((f) => f.value)).to.deep.equal([new Change('x', null), new Change('xy', 'x')]);
    });
  });
});
