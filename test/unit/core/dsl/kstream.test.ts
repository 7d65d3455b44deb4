// KStream operations end to end, through the TopologyTestDriver: exact keys, values, timestamps
// and headers of what reaches the output topics.
import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Named } from '../../../../src/core/dsl/named';
import { Produced } from '../../../../src/core/dsl/produced';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import type { KStream } from '../../../../src/core/dsl/kstream';
import type { FixedKeyProcessorContext, ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { FixedKeyRecord } from '../../../../src/core/processor/fixed-key-record';
import type { Record } from '../../../../src/core/processor/record';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import type { Serde } from '../../../../src/core/serde/serde';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import { TestRecord } from '../../../../src/core/testing/test-record';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';

const STRING = Serdes.String();
const config = { 'application.id': 'app', 'default.key.serde': STRING, 'default.value.serde': STRING };

/** Builds with `define`, pipes `input` into topic "in", returns what reached `outputs`. */
async function run(
  define: (input: KStream<string, string>, builder: StreamsBuilder) => void,
  input: readonly TestRecord<string | null, string | null>[],
  outputs: readonly string[] = ['out'],
  serdes: { key?: Serde<unknown>; value?: Serde<unknown> } = {},
): Promise<TestRecord<unknown, unknown>[][]> {
  const builder = new StreamsBuilder();
  define(builder.stream('in', Consumed.with(STRING, STRING)), builder);
  const driver = new TopologyTestDriver(builder.build(), config, 0);
  try {
    const topic = driver.createInputTopic('in', STRING, STRING);
    for (const record of input) await topic.pipeInput(record as TestRecord<string, string>);
    return outputs.map((name) => driver.createOutputTopic(name, serdes.key ?? STRING, serdes.value ?? STRING).readRecordsToList() as TestRecord<unknown, unknown>[]);
  } finally {
    await driver.close();
  }
}

function rec(key: string | null, value: string | null, timestamp: number, headers?: RecordHeaders): TestRecord<string | null, string | null> {
  return new TestRecord(key, value, headers, timestamp);
}

/** Key, value, timestamp and headers of each record, for deep comparison. */
function plain(records: readonly TestRecord<unknown, unknown>[]): { key: unknown; value: unknown; timestamp: number | undefined; headers: [string, string | null][] }[] {
  return records.map((r) => ({ key: r.key, value: r.value, timestamp: r.timestamp, headers: r.headers.toArray().map((h) => [h.key, h.value === null ? null : h.value.toString()]) }));
}

describe('KStream', () => {
  describe('filter and filterNot', () => {
    it('forward the records for which the predicate holds (filter) or fails (filterNot), unchanged', async () => {
      const [kept, dropped] = await run(
        (s) => {
          s.filter((_k, v) => v.length > 2).to('out');
          s.filterNot((_k, v) => v.length > 2).to('not');
        },
        [rec('a', 'long', 10), rec('b', 'no', 20), rec('c', 'yes', 5)],
        ['out', 'not'],
      );
      expect(plain(kept)).to.deep.equal([
        { key: 'a', value: 'long', timestamp: 10, headers: [] },
        { key: 'c', value: 'yes', timestamp: 5, headers: [] },
      ]);
      expect(plain(dropped)).to.deep.equal([{ key: 'b', value: 'no', timestamp: 20, headers: [] }]);
    });

    it('carry the input headers to the output', async () => {
      const headers = new RecordHeaders().add('trace', 'abc').add('trace', 'def');
      const [out] = await run((s) => s.filter(() => true).to('out'), [rec('k', 'v', 7, headers)]);
      expect(plain(out)).to.deep.equal([{ key: 'k', value: 'v', timestamp: 7, headers: [['trace', 'abc'], ['trace', 'def']] }]);
    });

    it('reject a missing predicate with a TopologyError', () => {
      const stream = new StreamsBuilder().stream<string, string>('in');
      expect(() => stream.filter(null as unknown as () => boolean)).to.throw(TopologyError, "predicate can't be null");
      expect(() => stream.filterNot(undefined as unknown as () => boolean)).to.throw(TopologyError, "predicate can't be null");
      expect(() => stream.filter(() => true, null as unknown as Named)).to.throw(TopologyError, "named can't be null");
    });
  });

  describe('map and selectKey', () => {
    it('map replaces key and value and keeps the timestamp and headers', async () => {
      const headers = new RecordHeaders().add('h', '1');
      const [out] = await run(
        (s) => s.map((k, v) => ({ key: v, value: Number(k) * 2 })).to('out', Produced.with(STRING, Serdes.Integer())),
        [rec('21', 'x', 3, headers), rec('5', 'y', 1)],
        ['out'],
        { value: Serdes.Integer() as Serde<unknown> },
      );
      expect(plain(out)).to.deep.equal([
        { key: 'x', value: 42, timestamp: 3, headers: [['h', '1']] },
        { key: 'y', value: 10, timestamp: 1, headers: [] },
      ]);
    });

    it('map of a null key is fine', async () => {
      const [out] = await run((s) => s.map((k, v) => ({ key: k === null ? 'was-null' : k, value: v })).to('out'), [rec(null, 'v', 1)]);
      expect(plain(out)).to.deep.equal([{ key: 'was-null', value: 'v', timestamp: 1, headers: [] }]);
    });

    it('a mapper returning null fails the record with a processing error', async () => {
      const builder = new StreamsBuilder();
      builder
        .stream('in', Consumed.with(STRING, STRING))
        .map(() => null as unknown as { key: string; value: string })
        .to('out');
      const driver = new TopologyTestDriver(builder.build(), config, 0, { logger: { error: () => undefined, warn: () => undefined } });
      try {
        const error = await driver
          .createInputTopic('in', STRING, STRING)
          .pipeInput('k', 'v', 1)
          .then(() => null, (e: unknown) => e as Error);
        expect(error?.message).to.contain('The provided KeyValueMapper returned null which is not allowed');
        expect(error?.message).to.contain('KSTREAM-MAP-0000000001');
      } finally {
        await driver.close().catch(() => undefined);
      }
    });

    it('selectKey sets the key the mapper computes and keeps the value', async () => {
      const [out] = await run((s) => s.selectKey((k, v) => `${k}:${v}`).to('out'), [rec('a', 'b', 9)]);
      expect(plain(out)).to.deep.equal([{ key: 'a:b', value: 'b', timestamp: 9, headers: [] }]);
    });
  });

  describe('mapValues and flatMapValues', () => {
    it('mapValues gives the mapper the value, then the key', async () => {
      const [byValue, withKey] = await run(
        (s) => {
          s.mapValues((v) => v.toUpperCase()).to('out');
          s.mapValues((v, k) => `${k}=${v}`).to('with-key');
        },
        [rec('k', 'v', 4)],
        ['out', 'with-key'],
      );
      expect(plain(byValue)).to.deep.equal([{ key: 'k', value: 'V', timestamp: 4, headers: [] }]);
      expect(plain(withKey)).to.deep.equal([{ key: 'k', value: 'k=v', timestamp: 4, headers: [] }]);
    });

    it('flatMapValues forwards one record per value, in order, each with the key and timestamp', async () => {
      const [out] = await run((s) => s.flatMapValues((v, k) => [...v].map((c) => `${k}${c}`)).to('out'), [rec('k', 'abc', 2), rec('e', '', 3)]);
      expect(plain(out)).to.deep.equal([
        { key: 'k', value: 'ka', timestamp: 2, headers: [] },
        { key: 'k', value: 'kb', timestamp: 2, headers: [] },
        { key: 'k', value: 'kc', timestamp: 2, headers: [] },
      ]);
    });
  });

  describe('flatMap', () => {
    it('forwards one record per pair, in order, with the input timestamp', async () => {
      const [out] = await run(
        (s) =>
          s
            .flatMap((k, v) => {
              const pairs = [];
              for (let i = 0; i < Number(v); i++) pairs.push({ key: `${k}${i}`, value: String(i) });
              return pairs;
            })
            .to('out'),
        [rec('a', '2', 11), rec('b', '0', 12), rec('c', '1', 13)],
      );
      expect(plain(out)).to.deep.equal([
        { key: 'a0', value: '0', timestamp: 11, headers: [] },
        { key: 'a1', value: '1', timestamp: 11, headers: [] },
        { key: 'c0', value: '0', timestamp: 13, headers: [] },
      ]);
    });

    it('accepts any iterable, a generator included', async () => {
      const [out] = await run(
        (s) =>
          s
            .flatMap(function* (k, v) {
              yield { key: k, value: v };
              yield { key: v, value: k };
            })
            .to('out'),
        [rec('a', 'b', 1)],
      );
      expect(plain(out).map((r) => [r.key, r.value])).to.deep.equal([
        ['a', 'b'],
        ['b', 'a'],
      ]);
    });
  });

  describe('peek and foreach', () => {
    it('peek calls the action and passes each record on; foreach only calls the action', async () => {
      const peeked: string[] = [];
      const seen: string[] = [];
      const [out] = await run(
        (s) => {
          s.peek((k, v) => peeked.push(`${k}/${v}`)).to('out');
          s.foreach((k, v) => seen.push(`${k}/${v}`), Named.as('each'));
        },
        [rec('a', '1', 1), rec('b', '2', 2)],
      );
      expect(peeked).to.deep.equal(['a/1', 'b/2']);
      expect(seen).to.deep.equal(['a/1', 'b/2']);
      expect(plain(out)).to.deep.equal([
        { key: 'a', value: '1', timestamp: 1, headers: [] },
        { key: 'b', value: '2', timestamp: 2, headers: [] },
      ]);
    });
  });

  describe('merge', () => {
    it('passes the records of both streams on', async () => {
      const builder = new StreamsBuilder();
      const left = builder.stream('left', Consumed.with(STRING, STRING));
      const right = builder.stream('right', Consumed.with(STRING, STRING));
      left.merge(right).to('out', Produced.with(STRING, STRING));
      const driver = new TopologyTestDriver(builder.build(), config, 0);
      await driver.createInputTopic('left', STRING, STRING).pipeInput('l', '1', 5);
      await driver.createInputTopic('right', STRING, STRING).pipeInput('r', '2', 6);
      expect(driver.createOutputTopic('out', STRING, STRING).readKeyValuesToList()).to.deep.equal([
        { key: 'l', value: '1' },
        { key: 'r', value: '2' },
      ]);
      await driver.close();
    });

    it('refuses a stream of another builder', () => {
      const a = new StreamsBuilder().stream<string, string>('a');
      const b = new StreamsBuilder().stream<string, string>('b');
      expect(() => a.merge(b)).to.throw(TopologyError, 'different StreamsBuilders');
    });
  });

  describe('to', () => {
    it('writes with the serdes of Produced, falling back to the stream serdes', async () => {
      const builder = new StreamsBuilder();
      builder.stream('in', Consumed.with(STRING, Serdes.Integer())).to('out', Produced.keySerde(STRING));
      const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
      await driver.createInputTopic('in', STRING, Serdes.Integer()).pipeInput('k', 7, 3);
      expect(driver.createOutputTopic('out', STRING, Serdes.Integer()).readRecord()).to.include({ key: 'k', value: 7, timestamp: 3 });
      await driver.close();
    });

    it('routes each record to the topic a TopicNameExtractor picks, which sees the record context', async () => {
      const [a, b] = await run((s) => s.to((key, _value, context) => `${context.topic}-${key}`), [rec('a', '1', 1), rec('b', '2', 2), rec('a', '3', 3)], ['in-a', 'in-b']);
      expect(plain(a).map((r) => r.value)).to.deep.equal(['1', '3']);
      expect(plain(b).map((r) => r.value)).to.deep.equal(['2']);
    });

    it('asks the partitioner of Produced for the partition', async () => {
      const calls: [string, string, string, number][] = [];
      await run(
        (s) =>
          s.to(
            'out',
            Produced.with(STRING, STRING).withStreamPartitioner((topic, key, value, numPartitions) => {
              calls.push([topic, key, value, numPartitions]);
              return 0;
            }),
          ),
        [rec('k', 'v', 1)],
      );
      expect(calls).to.deep.equal([['out', 'k', 'v', 1]]);
    });

    it('does not change the Produced it is given', () => {
      const produced = Produced.as<string, string>('sink');
      new StreamsBuilder().stream('in', Consumed.with(STRING, STRING)).to('out', produced);
      expect(produced.keySerde).to.equal(null);
      expect(produced.valueSerde).to.equal(null);
    });
  });

  describe('process and processValues', () => {
    it('process runs the processor, which may change keys and forward several records', async () => {
      const [out] = await run(
        (s) =>
          s
            .process(() => {
              let context: ProcessorContext<string, number>;
              return {
                init(c: ProcessorContext<string, number>) {
                  context = c;
                },
                process(record: Record<string, string>) {
                  context.forward(record.withKey(record.value).withValue(record.value.length));
                  context.forward(record.withValue(0).withTimestamp(record.timestamp + 1));
                },
              };
            })
            .to('out', Produced.valueSerde(Serdes.Integer())),
        [rec('k', 'abc', 5)],
        ['out'],
        { value: Serdes.Integer() as Serde<unknown> },
      );
      expect(plain(out)).to.deep.equal([
        { key: 'abc', value: 3, timestamp: 5, headers: [] },
        { key: 'k', value: 0, timestamp: 6, headers: [] },
      ]);
    });

    it('process reads and writes a store added to the builder and connected by name', async () => {
      const builder = new StreamsBuilder();
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('sum'), STRING, Serdes.Integer()));
      builder.stream('in', Consumed.with(STRING, STRING)).process(
        () => {
          let sum: KeyValueStore<string, number>;
          return {
            init(context: ProcessorContext) {
              sum = context.getStateStore<KeyValueStore<string, number>>('sum');
            },
            process(record: Record<string, string>) {
              sum.put(record.key, (sum.get(record.key) ?? 0) + record.value.length);
            },
          };
        },
        Named.as('p'),
        'sum',
      );
      const driver = new TopologyTestDriver(builder.build(), config, 0);
      const input = driver.createInputTopic('in', STRING, STRING);
      for (const [k, v] of [['A', '0'], ['B', '00'], ['C', '000'], ['D', '0000'], ['A', '00000'], ['A', '000000']]) await input.pipeInput(k, v, 1);
      const store = driver.getKeyValueStore<string, number>('sum')!;
      expect([store.get('A'), store.get('B'), store.get('C'), store.get('D')]).to.deep.equal([12, 2, 3, 4]);
      await driver.close();
    });

    it('processValues runs a FixedKeyProcessor whose records keep their key (KStreamImplTest.shouldProcessValues)', async () => {
      const [out] = await run(
        (s) =>
          s
            .processValues(() => {
              let context: FixedKeyProcessorContext<string, number>;
              return {
                init(c: FixedKeyProcessorContext<string, number>) {
                  context = c;
                },
                process(record: FixedKeyRecord<string, string>) {
                  context.forward(record.withValue(record.value.length));
                },
              };
            }, Named.as('fkp'))
            .to('out', Produced.valueSerde(Serdes.Integer())),
        [rec('A', '0', 5), rec('B', '00', 100), rec('C', '000', 0), rec('D', '0000', 0), rec('A', '00000', 10), rec('A', '000000', 8)],
        ['out'],
        { value: Serdes.Integer() as Serde<unknown> },
      );
      expect(plain(out).map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
        ['A', 1, 5],
        ['B', 2, 100],
        ['C', 3, 0],
        ['D', 4, 0],
        ['A', 5, 10],
        ['A', 6, 8],
      ]);
    });

    it('are named KSTREAM-PROCESSOR-<n> and KSTREAM-PROCESSVALUES-<n>, taking no index when given a Named', () => {
      const builder = new StreamsBuilder();
      const s = builder.stream<string, string>('in');
      const unnamed = s.process(() => ({ process: () => undefined }));
      const named = s.process(() => ({ process: () => undefined }), Named.as('mine'));
      const values = s.processValues(() => ({ process: () => undefined }));
      expect([unnamed.nodeName, named.nodeName, values.nodeName]).to.deep.equal(['KSTREAM-PROCESSOR-0000000001', 'mine', 'KSTREAM-PROCESSVALUES-0000000002']);
    });

    it('reject a missing supplier, a null Named and a null store name', () => {
      const s = new StreamsBuilder().stream<string, string>('in');
      expect(() => s.process(null as never)).to.throw(TopologyError, "processorSupplier can't be null");
      expect(() => s.processValues(() => ({ process: () => undefined }), null as unknown as Named, 'store')).to.throw(TopologyError, "named can't be null");
      expect(() => s.process(() => ({ process: () => undefined }), 'store', null as unknown as string)).to.throw(TopologyError, "stateStoreNames can't be null");
    });

    it('fail the build when a store named is not added', () => {
      const builder = new StreamsBuilder();
      builder.stream<string, string>('in').process(() => ({ process: () => undefined }), 'missing');
      expect(() => builder.build()).to.throw(TopologyError, 'missing');
    });
  });

  describe('serdes and repartition flags of the streams returned (KStreamImplTest.shouldPreserveSerdesForOperators)', () => {
    it('keep what the operation preserves and drop the rest', () => {
      const builder = new StreamsBuilder();
      const s = builder.stream('in', Consumed.with(STRING, STRING));
      const checks: [KStream<unknown, unknown>, Serde<unknown> | null, Serde<unknown> | null, boolean][] = [
        [s.filter(() => true) as KStream<unknown, unknown>, STRING, STRING, false],
        [s.filterNot(() => true) as KStream<unknown, unknown>, STRING, STRING, false],
        [s.selectKey((k) => k) as KStream<unknown, unknown>, null, STRING, true],
        [s.map((k, v) => ({ key: k, value: v })) as KStream<unknown, unknown>, null, null, true],
        [s.flatMap(() => []) as KStream<unknown, unknown>, null, null, true],
        [s.mapValues((v) => v) as KStream<unknown, unknown>, STRING, null, false],
        [s.flatMapValues((): string[] => []) as KStream<unknown, unknown>, STRING, null, false],
        [s.peek(() => undefined) as KStream<unknown, unknown>, STRING, STRING, false],
        [s.merge(s) as KStream<unknown, unknown>, null, null, false],
        [s.process(() => ({ process: () => undefined })) as KStream<unknown, unknown>, null, null, true],
        [s.processValues(() => ({ process: () => undefined })) as KStream<unknown, unknown>, STRING, null, false],
        [s.repartition() as KStream<unknown, unknown>, STRING, STRING, false],
      ];
      for (const [stream, keySerde, valueSerde, repartitionRequired] of checks) {
        expect([stream.keySerde, stream.valueSerde, stream.repartitionRequired], stream.nodeName).to.deep.equal([keySerde, valueSerde, repartitionRequired]);
      }
      expect(s.selectKey((k) => k).mapValues((v) => v).repartitionRequired).to.equal(true);
      expect(s.selectKey((k) => k).repartition().repartitionRequired).to.equal(false);
      const grouped = s.groupByKey();
      expect([grouped.keySerde, grouped.valueSerde]).to.deep.equal([STRING, STRING]);
      const regrouped = s.groupBy((k) => k);
      expect([regrouped.keySerde, regrouped.valueSerde]).to.deep.equal([null, STRING]);
    });
  });
});
