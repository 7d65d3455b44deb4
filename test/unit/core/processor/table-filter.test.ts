// Ports of Java's KTableFilterTest (3.9): what a KTable filter forwards, with and without old
// values, depending on what upstream and downstream materialize. Caching is off at the config level.
import { expect } from 'chai';
import { Consumed } from '../../../../src/core/dsl/consumed';
import type { KTable } from '../../../../src/core/dsl/ktable';
import { Materialized } from '../../../../src/core/dsl/materialized';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Change } from '../../../../src/core/processor/change';
import type { Processor } from '../../../../src/core/processor/processor';
import type { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { TestDriverConfig } from '../../../../src/core/testing/topology-test-driver';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';

const CONFIG = { 'statestore.cache.max.bytes': 0, 'default.key.serde': Serdes.String(), 'default.value.serde': Serdes.Integer() } as TestDriverConfig;
const isEven = (_key: string, value: number): boolean => value % 2 === 0;

type Seen = [string, Change<number>, number];

/** Java's MockApiProcessorSupplier: every processor it makes records what it sees into one list per node. */
function capture(into: Seen[]): () => Processor<string, Change<number>> {
  return () => ({ process: (record: Record<string, Change<number>>) => void into.push([record.key, record.value, record.timestamp]) });
}

async function drive(builder: StreamsBuilder, table1: KTable<string, number>, table2: KTable<string, number>, steps: (pipe: (key: string, value: number | null, ts: number) => Promise<void>, take: () => [Seen[], Seen[]]) => Promise<void>): Promise<void> {
  const first: Seen[] = [];
  const second: Seen[] = [];
  const topology = builder.build();
  topology.addProcessor('proc1', capture(first), table1.nodeName);
  topology.addProcessor('proc2', capture(second), table2.nodeName);
  const driver = new TopologyTestDriver(topology, CONFIG, 0);
  const input = driver.createInputTopic<string, number | null>('topic1', Serdes.String(), Serdes.Integer(), 0);
  await steps(
    (key, value, ts) => input.pipeInput(key, value, ts),
    () => [first.splice(0), second.splice(0)],
  );
  await driver.close();
}

const change = (newValue: number | null, oldValue: number | null) => new Change<number>(newValue, oldValue);

describe('table filter (Java KTableFilterTest)', () => {
  it('does not send old values without materialization (shouldNotSendOldValuesWithoutMaterialization)', async () => {
    const builder = new StreamsBuilder();
    const table1 = builder.table('topic1', Consumed.with(Serdes.String(), Serdes.Integer()));
    const table2 = table1.filter(isEven);
    await drive(builder, table1, table2, async (pipe, take) => {
      await pipe('A', 1, 5);
      await pipe('B', 1, 10);
      await pipe('C', 1, 15);
      expect(take()).to.deep.equal([
        [['A', change(1, null), 5], ['B', change(1, null), 10], ['C', change(1, null), 15]],
        [['A', change(null, null), 5], ['B', change(null, null), 10], ['C', change(null, null), 15]],
      ]);
      await pipe('A', 2, 15);
      await pipe('B', 2, 8);
      expect(take()).to.deep.equal([
        [['A', change(2, null), 15], ['B', change(2, null), 8]],
        [['A', change(2, null), 15], ['B', change(2, null), 8]],
      ]);
      await pipe('A', 3, 20);
      expect(take()).to.deep.equal([[['A', change(3, null), 20]], [['A', change(null, null), 20]]]);
      await pipe('A', null, 10);
      await pipe('B', null, 20);
      expect(take()).to.deep.equal([
        [['A', change(null, null), 10], ['B', change(null, null), 20]],
        [['A', change(null, null), 10], ['B', change(null, null), 20]],
      ]);
    });
    expect(table1.sendingOldValueEnabled()).to.equal(false);
  });

  /** Java's doTestSendingOldValue. */
  async function expectOldValues(builder: StreamsBuilder, table1: KTable<string, number>, table2: KTable<string, number>): Promise<void> {
    const parent = table1.sendingOldValueEnabled();
    const old = (value: number) => (parent ? value : null);
    await drive(builder, table1, table2, async (pipe, take) => {
      await pipe('A', 1, 5);
      await pipe('B', 1, 10);
      await pipe('C', 1, 15);
      expect(take()).to.deep.equal([[['A', change(1, null), 5], ['B', change(1, null), 10], ['C', change(1, null), 15]], []]);
      await pipe('A', 2, 15);
      await pipe('B', 2, 8);
      expect(take()).to.deep.equal([
        [['A', change(2, old(1)), 15], ['B', change(2, old(1)), 8]],
        [['A', change(2, null), 15], ['B', change(2, null), 8]],
      ]);
      await pipe('A', 3, 20);
      expect(take()).to.deep.equal([[['A', change(3, old(2)), 20]], [['A', change(null, 2), 20]]]);
      await pipe('A', null, 10);
      await pipe('B', null, 20);
      expect(take()).to.deep.equal([[['A', change(null, old(3)), 10], ['B', change(null, old(2)), 20]], [['B', change(null, 2), 20]]]);
    });
  }

  it('materializes the source when forced to send old values (shouldEnableSendOldValuesWhenNotMaterializedAlreadyButForcedToMaterialize)', async () => {
    const builder = new StreamsBuilder();
    const table1 = builder.table('topic1', Consumed.with(Serdes.String(), Serdes.Integer()));
    const table2 = table1.filter(isEven);
    table2.enableSendingOldValues(true);
    expect([table1.sendingOldValueEnabled(), table2.sendingOldValueEnabled()]).to.deep.equal([true, true]);
    await expectOldValues(builder, table1, table2);
  });

  it('sends old values from its own store when materialized (shouldEnableSendOldValuesWhenMaterializedAlreadyAndForcedToMaterialize)', async () => {
    const builder = new StreamsBuilder();
    const table1 = builder.table('topic1', Consumed.with(Serdes.String(), Serdes.Integer()));
    const table2 = table1.filter(isEven, Materialized.as<string, number>('store2'));
    table2.enableSendingOldValues(true);
    expect([table1.sendingOldValueEnabled(), table2.sendingOldValueEnabled()]).to.deep.equal([false, true]);
    await expectOldValues(builder, table1, table2);
  });

  it('sends old values when the source is materialized already (shouldSendOldValuesWhenEnabledOnUpStreamMaterialization)', async () => {
    const builder = new StreamsBuilder();
    const table1 = builder.table('topic1', Consumed.with(Serdes.String(), Serdes.Integer()), Materialized.as<string, number>('store2'));
    const table2 = table1.filter(isEven);
    table2.enableSendingOldValues(false);
    expect([table1.sendingOldValueEnabled(), table2.sendingOldValueEnabled()]).to.deep.equal([true, true]);
    await expectOldValues(builder, table1, table2);
  });

  it('skips deletes of keys that never passed once a downstream groupBy asks for old values (shouldSkipNullToRepartitionWithoutMaterialization)', async () => {
    const builder = new StreamsBuilder();
    const table1 = builder.table('topic1', Consumed.with(Serdes.String(), Serdes.String()));
    const table2 = table1.filter((_key, value) => value.toLowerCase() === 'accept');
    table2.groupBy((key, value) => ({ key, value })).reduce((a, b) => a + b, (a, b) => a + b);
    const first: [string, Change<string>, number][] = [];
    const second: [string, Change<string>, number][] = [];
    const topology = builder.build();
    topology.addProcessor('proc1', () => ({ process: (r: Record<string, Change<string>>) => void first.push([r.key, r.value, r.timestamp]) }), table1.nodeName);
    topology.addProcessor('proc2', () => ({ process: (r: Record<string, Change<string>>) => void second.push([r.key, r.value, r.timestamp]) }), table2.nodeName);
    const driver = new TopologyTestDriver(topology, { ...CONFIG, 'default.value.serde': Serdes.String() } as TestDriverConfig, 0);
    const input = driver.createInputTopic('topic1', Serdes.String(), Serdes.String(), 0);
    await input.pipeInput('A', 'reject', 5);
    await input.pipeInput('B', 'reject', 10);
    await input.pipeInput('C', 'reject', 20);
    await driver.close();
    expect(first).to.deep.equal([
      ['A', new Change('reject', null), 5],
      ['B', new Change('reject', null), 10],
      ['C', new Change('reject', null), 20],
    ]);
    expect(second).to.deep.equal([]);
  });
});
