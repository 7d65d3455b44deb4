// The public surface: the names of design-notes §1 are exported from src/index.ts, and code
// written the way a Java user writes it type-checks with the generics a Java user expects (this
// file fails `npm run typecheck` if they drift).
import { expect } from 'chai';
import * as kstreams from '../../src/index';
import {
  Branched,
  Consumed,
  Grouped,
  KeyValue,
  Materialized,
  Named,
  Produced,
  Repartitioned,
  Serdes,
  StreamsBuilder,
  defineTopology,
  type KGroupedStream,
  type KStream,
  type KTable,
  type Serde,
} from '../../src/index';

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

describe('the public API', () => {
  it('exports the names of design-notes §1 that exist so far', () => {
    const names = [
      'StreamsBuilder', 'defineTopology', 'Topology', 'TopologyTestDriver', 'TestRecord', 'Serdes', 'KeyValue', 'Record',
      'Consumed', 'Produced', 'Grouped', 'Materialized', 'Repartitioned', 'Named', 'Branched', 'Printed', 'Stores',
      'QueryableStoreTypes', 'PunctuationType', 'ValueAndTimestamp', 'StreamsConfig',
      'StreamsError', 'ConfigError', 'TopologyError', 'SerdeError', 'ProcessingError', 'ProductionError', 'TaskMigratedError', 'TaskCorruptedError',
    ];
    expect(names.filter((n) => !(n in kstreams))).to.deep.equal([]);
  });

  it('types a DSL pipeline the way a Java user writes it', () => {
    const builder = new StreamsBuilder();
    const lines: KStream<string, string> = builder.stream('lines', Consumed.with(Serdes.String(), Serdes.String()));
    const lengths = lines.mapValues((v) => v.length);
    assertType<Equal<typeof lengths, KStream<string, number>>>();
    const rekeyed = lengths.selectKey((_k, v) => v % 2 === 0);
    assertType<Equal<typeof rekeyed, KStream<boolean, number>>>();
    const grouped: KGroupedStream<boolean, number> = rekeyed.groupByKey(Grouped.with(Serdes.Boolean(), Serdes.Integer()));
    const totals = grouped.reduce((a, b) => a + b, Named.as('sum'), Materialized.as<boolean, number>('totals'));
    assertType<Equal<typeof totals, KTable<boolean, number>>>();
    expect(totals.queryableStoreName()).to.equal('totals');
    const mapped = lines.map((k, v) => KeyValue.pair(v, k.length));
    assertType<Equal<typeof mapped, KStream<string, number>>>();
    mapped.to('lengths', Produced.with(Serdes.String(), Serdes.Integer()));
    const branches = lines.split(Named.as('split-')).branch((_k, v) => v.startsWith('a'), Branched.as('a')).defaultBranch();
    expect([...branches.keys()]).to.deep.equal(['split-a', 'split-0']);
    lines.repartition(Repartitioned.as<string, string>('spread').withNumberOfPartitions(3)).to('out', Produced.with(Serdes.String(), Serdes.String()));
    const serde: Serde<number> = Serdes.Long();
    expect(serde.serializer().serialize('t', 1)?.toString('hex')).to.equal('0000000000000001');
  });

  it('makes a topology module with defineTopology that builds the same topology every time', () => {
    const definition = defineTopology((builder) => {
      builder.stream('a', Consumed.with(Serdes.String(), Serdes.String())).filter((_k, v) => v !== '').to('b');
    });
    expect(definition.build().describe().toString()).to.equal(definition.build().describe().toString());
  });
});
