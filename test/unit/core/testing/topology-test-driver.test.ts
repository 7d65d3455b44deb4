import fs from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { InvalidStateStoreError } from '../../../../src/errors';
import type { ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { Processor } from '../../../../src/core/processor/processor';
import { PunctuationType } from '../../../../src/core/processor/punctuation';
import { Record } from '../../../../src/core/processor/record';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueIterator } from '../../../../src/core/state/key-value-iterator';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import { TestRecord } from '../../../../src/core/testing/test-record';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import { Topology } from '../../../../src/core/topology/topology';

/** Counts records per key in a store; every 1 s of wall-clock time forwards all counts. */
class CountingProcessor implements Processor<string, string, string, number> {
  private context!: ProcessorContext<string, number>;
  private store!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.store = context.getStateStore<KeyValueStore<string, number>>('counts');
    context.schedule(1000, PunctuationType.WALL_CLOCK_TIME, async (timestamp) => {
      const all = this.store.all();
      for await (const { key, value } of all) this.context.forward(new Record(key, value, timestamp));
    });
  }

  process(record: Record<string, string>): void {
    this.store.put(record.key, (this.store.get(record.key) ?? 0) + 1);
  }
}

function countingTopology(supplier = Stores.inMemoryKeyValueStore('counts')): Topology {
  return new Topology()
    .addSource({ name: 'source', topics: ['input'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
    .addProcessor('counter', () => new CountingProcessor(), 'source')
    .addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.Long()), 'counter')
    .addSink({ name: 'sink', topic: 'output', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['counter'] });
}

describe('TopologyTestDriver', () => {
  it('runs a Processor API counter whose wall-clock punctuation forwards the counts', async () => {
    const driver = new TopologyTestDriver(countingTopology(), { 'application.id': 'counter' }, 10_000);
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String());
    const output = driver.createOutputTopic('output', Serdes.String(), Serdes.Long());
    await input.pipeInput('a', 'x', 1);
    await input.pipeInput('b', 'x', 2);
    await input.pipeInput('a', 'x', 3);
    expect(output.isEmpty()).to.equal(true);

    await driver.advanceWallClockTime(999);
    expect(output.isEmpty()).to.equal(true);
    await driver.advanceWallClockTime(1);
    expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
      ['a', 2, 11_000],
      ['b', 1, 11_000],
    ]);
    expect(driver.getKeyValueStore<string, number>('counts')!.get('a')).to.equal(2);
    await driver.close();
  });

  it('writes the changelog of a logged store under the application id prefix', async () => {
    const driver = new TopologyTestDriver(countingTopology(), { 'application.id': 'counter' }, 0);
    await driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('a', 'x', 5);
    const changelog = driver.createOutputTopic('counter-counts-changelog', Serdes.String(), Serdes.Long());
    expect(changelog.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([['a', 1, 5]]);
    expect([...driver.producedTopicNames()]).to.deep.equal(['counter-counts-changelog']);
    await driver.close();
  });

  it('carries headers from the input record to the sink', async () => {
    const topology = new Topology()
      .addSource({ name: 'source', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
      .addSink({ name: 'sink', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.String().serializer(), parentNames: ['source'] });
    const driver = new TopologyTestDriver(topology);
    await driver.createInputTopic('in', Serdes.String(), Serdes.String()).pipeInput(new TestRecord('k', 'v', new RecordHeaders().add('h', 'hv'), 42));
    const [record] = driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readRecordsToList();
    expect([record.key, record.value, record.timestamp, record.headers.lastHeader('h')?.value?.toString()]).to.deep.equal(['k', 'v', 42, 'hv']);
    await driver.close();
  });

  it('refuses a topic the topology does not read', async () => {
    const driver = new TopologyTestDriver(countingTopology());
    const other = driver.createInputTopic('other', Serdes.String(), Serdes.String());
    let error: unknown;
    await other.pipeInput('k', 'v', 1).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('Unknown topic: other');
    await driver.close();
  });

  it('skips a record that fails to deserialize under logAndContinue, counts it, and processes the next', async () => {
    const topology = new Topology()
      .addSource({ name: 'source', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Integer().deserializer() })
      .addSink({ name: 'sink', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Integer().serializer(), parentNames: ['source'] });
    const silent = { warn: () => undefined, error: () => undefined };
    const driver = new TopologyTestDriver(topology, { 'default.deserialization.exception.handler': 'logAndContinue' }, 0, { logger: silent });
    const bytes = driver.createInputTopic('in', Serdes.String(), Serdes.ByteArray());
    await bytes.pipeInput('bad', Buffer.from([1, 2, 3]), 1);
    await bytes.pipeInput('good', Buffer.from([0, 0, 0, 7]), 2);
    expect(driver.createOutputTopic('out', Serdes.String(), Serdes.Integer()).readKeyValuesToList()).to.deep.equal([{ key: 'good', value: 7 }]);
    expect(driver.droppedRecords().get('deserialization')).to.equal(1);
    await driver.close();
  });

  it('fails on a record that does not deserialize under the default handler, naming topic, partition and offset', async () => {
    const topology = new Topology()
      .addSource({ name: 'source', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Integer().deserializer() })
      .addSink({ name: 'sink', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Integer().serializer(), parentNames: ['source'] });
    const silent = { warn: () => undefined, error: () => undefined };
    const driver = new TopologyTestDriver(topology, {}, 0, { logger: silent });
    let error: unknown;
    await driver.createInputTopic('in', Serdes.String(), Serdes.ByteArray()).pipeInput('bad', Buffer.from([1]), 1).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).name).to.equal('SerdeError');
    expect((error as Error).message).to.match(/topic in, partition 0, offset 0/);
  });
});

describe('TopologyTestDriver with persistent stores', () => {
  async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(
      () => true,
      () => false,
    );
  }

  it('keeps a persistent store in LevelDB under a state directory of its own, which close() deletes', async () => {
    const driver = new TopologyTestDriver(countingTopology(Stores.persistentKeyValueStore('counts')), { 'application.id': 'counter' }, 0);
    const input = driver.createInputTopic('input', Serdes.String(), Serdes.String());
    await input.pipeInput('a', 'x', 1);
    await input.pipeInput('b', 'x', 2);
    await input.pipeInput('a', 'x', 3);
    const store = driver.getKeyValueStore<string, number>('counts')!;
    expect(store.persistent()).to.equal(true);
    expect(store.get('a')).to.equal(2);
    const counts: Array<[string, number]> = [];
    for await (const { key, value } of store.all()) counts.push([key, value]);
    expect(counts).to.deep.equal([
      ['a', 2],
      ['b', 1],
    ]);
    const taskDirectory = path.join(driver.stateDirectory(), 'counter', '0_0');
    expect(await exists(path.join(taskDirectory, 'CURRENT'))).to.equal(true);
    await driver.close();
    expect(await exists(driver.stateDirectory())).to.equal(false);
  });

  it('creates no state directory for a topology without persistent stores', async () => {
    const driver = new TopologyTestDriver(countingTopology(), { 'application.id': 'counter' }, 0);
    await driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('a', 'x', 1);
    expect(await exists(driver.stateDirectory())).to.equal(false);
    await driver.close();
  });

  it('closing closes an iterator a processor left open, and warns about it', async () => {
    let leaked: KeyValueIterator<string, number> | undefined;
    class LeakingProcessor implements Processor<string, string, never, never> {
      private store!: KeyValueStore<string, number>;
      init(context: ProcessorContext<never, never>): void {
        this.store = context.getStateStore<KeyValueStore<string, number>>('counts');
      }
      async process(record: Record<string, string>): Promise<void> {
        this.store.put(record.key, 1);
        leaked = this.store.all();
        await leaked.next(); // and never closed
      }
    }
    const topology = new Topology()
      .addSource({ name: 'source', topics: ['input'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
      .addProcessor('leaker', () => new LeakingProcessor(), 'source')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('counts'), Serdes.String(), Serdes.Long()), 'leaker');
    const warnings: string[] = [];
    const driver = new TopologyTestDriver(topology, {}, 0, { logger: { warn: (message) => warnings.push(message), error: () => undefined } });
    await driver.createInputTopic('input', Serdes.String(), Serdes.String()).pipeInput('a', 'x', 1);
    await driver.close();
    expect(warnings).to.deep.equal([
      'Closing store counts closed 1 iterator(s) that were still open: a processor must close every iterator it opens (for await closes it).',
    ]);
    let failure: unknown;
    await leaked!.next().catch((err: unknown) => (failure = err));
    expect(failure).to.be.instanceOf(InvalidStateStoreError);
  });
});
