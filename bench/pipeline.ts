// The processor pipeline of one task, in one thread, with no broker: records/s of kstreams's
// TaskProcessor (and its LevelDB stores) next to a plain JavaScript loop doing the same work (the
// ceiling), measured in the same process. See docs/benchmarks.md for figures and how to read them.
//
//   npx tsx bench/pipeline.ts [--records 500000] [--runs 3] [--commit-every 10000] [--only word-count,restore]
//   npm run bench:pipeline -- --records 20000        (the small size CI runs)
//
// Scenarios:
//   stateless     DSL stream → filter(value longer than 5) → mapValues(upper case) → to
//   word count    Processor API: split each line, count every word in a LevelDB store with caching
//                 (and a changelog); the cache's flush forwards the counts to a sink, as a KTable does
//   word count (DSL, repartitioned)  for information: flatMapValues → groupBy → count → toStream → to,
//                 the repartition topic fed straight back into the task (no ceiling of its own)
//   (information) word count against a plain loop that also writes each commit's changed counts to LevelDB
//   restore       changelog records written into LevelDB through TaskStorage.restore, in batches
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { StreamsConfig, type StreamsConfigInput } from '../src/config';
import { Consumed } from '../src/core/dsl/consumed';
import { Grouped } from '../src/core/dsl/grouped';
import { Produced } from '../src/core/dsl/produced';
import { StreamsBuilder } from '../src/core/dsl/streams-builder';
import { consoleLogger, resolveDeserializationHandler, resolveProcessingHandler, resolveProductionHandler } from '../src/core/processor/exception-handlers';
import type { Processor } from '../src/core/processor/processor';
import type { ProcessorContext } from '../src/core/processor/processor-context';
import { Record } from '../src/core/processor/record';
import type { CollectedRecord } from '../src/core/processor/record-collector';
import { RecordHeaders } from '../src/core/processor/record-headers';
import { TaskId } from '../src/core/processor/task-id';
import { TaskProcessor, type InputRecord } from '../src/core/processor/task-processor';
import { NO_SENSORS } from '../src/core/processor/task-sensors';
import { resolveSerde } from '../src/core/serde/default-serde';
import { Serdes } from '../src/core/serde/serdes';
import { isCachedStateStore } from '../src/core/state/cache-flush-listener';
import type { KeyValueStore } from '../src/core/state/key-value-store';
import type { ChangelogRecord } from '../src/core/state/state-store';
import { Stores } from '../src/core/state/stores';
import { TaskCache } from '../src/core/state/task-cache';
import { TaskStorage } from '../src/core/state/task-storage';
import { resolveTimestampExtractor } from '../src/core/time/default-timestamp-extractor';
import { Topology, internalTopologyBuilder } from '../src/core/topology/topology';

const SCENARIOS = ['stateless', 'word-count', 'dsl-word-count', 'restore'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  records: number;
  runs: number;
  commitEvery: number;
  /** Only these scenarios (for profiling); default all. */
  only: ReadonlySet<Scenario>;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { records: 500_000, runs: 3, commitEvery: 10_000, only: new Set(SCENARIOS) };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--only') {
      const only = (argv[i + 1] ?? '').split(',');
      const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}`);
      options.only = new Set(only as Scenario[]);
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${argv[i]} needs a whole number > 0, got ${argv[i + 1]}`);
    if (argv[i] === '--records') options.records = value;
    else if (argv[i] === '--runs') options.runs = value;
    else if (argv[i] === '--commit-every') options.commitEvery = value;
    else throw new Error(`unknown option ${argv[i]} (--records N, --runs N, --commit-every N, --only ${SCENARIOS.join(',')})`);
  }
  return options;
}

const APPLICATION_ID = 'bench';
const VOCABULARY = Array.from({ length: 10_000 }, (_, i) => `word${(i * 7919) % 10_000}`);

// --- input ------------------------------------------------------------------------------------

/** A deterministic pseudo-random sequence, so every run sees the same records. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

function inputRecords(topic: string, count: number, value: (next: () => number, i: number) => string): InputRecord[] {
  const next = random(42);
  const headers = new RecordHeaders();
  const records: InputRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    records[i] = { topic, partition: 0, offset: i, timestamp: 1_700_000_000_000 + i, key: Buffer.from(`key-${i % 1000}`), value: Buffer.from(value(next, i)), headers };
  }
  return records;
}

/** Values of 1 to 12 letters: about 40% are 5 or shorter and filtered out. */
const shortValues = (next: () => number): string => 'abcdefghijkl'.slice(0, 1 + Math.floor(next() * 12));

/** Lines of 8 words drawn from a 10 000-word vocabulary. */
const lines = (next: () => number): string => Array.from({ length: 8 }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]).join(' ');

// --- the pipeline -----------------------------------------------------------------------------

/** One task of `topology` on partition 0, committing every `commitEvery` input records, its output counted. */
class TaskHarness {
  output = 0;
  private readonly queue: InputRecord[] = [];
  private readonly inputTopics = new Set<string>();
  /** The last offset written to each topic; the holder of the last topic written is kept at hand. */
  private readonly endOffsets = new Map<string, { offset: number }>();
  private lastWritten: { topic: string; end: { offset: number } } = { topic: '', end: { offset: -1 } };
  readonly task: TaskProcessor;
  readonly storage: TaskStorage;

  constructor(topology: Topology, stateDir: string, private readonly commitEvery: number) {
    const config = new StreamsConfig({ 'application.id': APPLICATION_ID, 'bootstrap.servers': 'none:9092' } as StreamsConfigInput);
    const built = internalTopologyBuilder(topology).build();
    const internal = new Set(built.internalTopics.map((t) => t.name));
    const resolveTopic = (name: string): string => (internal.has(name) ? `${APPLICATION_ID}-${name}` : name);
    const nodes = built.subtopologies.flatMap((s) => s.nodes);
    for (const node of nodes) if (node.kind === 'source') for (const topic of node.topics) this.inputTopics.add(resolveTopic(topic));
    const taskId = new TaskId(0, 0);
    this.storage = new TaskStorage({ stateDir, applicationId: APPLICATION_ID, taskId, pendingWritesMaxBytes: config.get('statestore.pending.writes.max.bytes') });
    this.task = new TaskProcessor({
      taskId,
      applicationId: APPLICATION_ID,
      nodes,
      stores: built.subtopologies.flatMap((s) => s.stores),
      appConfigs: config.originals(),
      stateDir,
      defaultKeySerde: resolveSerde(config.get('default.key.serde'), 'default.key.serde'),
      defaultValueSerde: resolveSerde(config.get('default.value.serde'), 'default.value.serde'),
      defaultTimestampExtractor: resolveTimestampExtractor(config.get('default.timestamp.extractor')),
      handlers: {
        deserialization: resolveDeserializationHandler(config.get('default.deserialization.exception.handler'), consoleLogger),
        processing: resolveProcessingHandler(config.get('processing.exception.handler'), consoleLogger),
        production: resolveProductionHandler(config.get('default.production.exception.handler'), consoleLogger),
      },
      collector: { send: (record) => this.collect(record), partitionsFor: () => 1 },
      sensors: NO_SENSORS,
      wallClockMs: () => 0,
      resolveTopic,
      cache: new TaskCache(config.get('statestore.cache.max.bytes')),
      taskStorage: this.storage,
    });
  }

  async run(records: readonly InputRecord[]): Promise<void> {
    await this.task.init();
    for (let i = 0; i < records.length; i++) {
      await this.task.process(records[i]);
      while (this.queue.length > 0) await this.task.process(this.queue.shift()!);
      if ((i + 1) % this.commitEvery === 0 || this.task.commitRequested) await this.commit();
    }
    await this.commit();
    await this.task.close();
    await this.storage.close();
  }

  private async commit(): Promise<void> {
    await this.task.flush();
    while (this.queue.length > 0) {
      await this.task.process(this.queue.shift()!);
      await this.task.flush();
    }
    await this.storage.commit([...this.endOffsets].map(([topic, end]) => ({ topic, partition: 0, offset: end.offset })));
    this.task.commitDone();
  }

  private collect(record: CollectedRecord): void {
    if (record.topic !== this.lastWritten.topic) {
      let end = this.endOffsets.get(record.topic);
      if (end === undefined) this.endOffsets.set(record.topic, (end = { offset: -1 }));
      this.lastWritten = { topic: record.topic, end };
    }
    const offset = ++this.lastWritten.end.offset;
    if (this.inputTopics.has(record.topic)) {
      // A repartition topic: straight back in, as the broker would deliver it.
      this.queue.push({ topic: record.topic, partition: 0, offset, timestamp: record.timestamp, key: record.key, value: record.value, headers: record.headers });
    } else {
      this.output++;
    }
  }
}

// --- the scenarios ----------------------------------------------------------------------------

function statelessTopology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
    .filter((_key, value) => value.length > 5)
    .mapValues((value) => value.toUpperCase())
    .to('output', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}

/** Counts the words of each line in a caching LevelDB store; the cache's flushes forward the counts. */
class WordCounter implements Processor<string, string, string, number> {
  private store!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.store = context.getStateStore<KeyValueStore<string, number>>('counts');
    if (!isCachedStateStore<string, number>(this.store)) throw new Error('the counts store must be cached');
    this.store.setFlushListener((word, count, _old, timestamp) => context.forward(new Record(word, count as number, timestamp)), false);
  }

  process(record: Record<string, string>): void {
    for (const word of record.value.split(' ')) this.store.put(word, (this.store.get(word) ?? 0) + 1);
  }
}

function wordCountTopology(): Topology {
  return new Topology()
    .addSource({ name: 'lines', topics: ['lines'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
    .addProcessor('count', () => new WordCounter(), 'lines')
    .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('counts'), Serdes.String(), Serdes.Long()).withCachingEnabled(), 'count')
    .addSink({ name: 'counts', topic: 'counts', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['count'] });
}

function dslWordCountTopology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('lines', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((line) => line.split(' '))
    .groupBy((_key, word) => word, Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}

// --- the ceilings: the same work in a plain loop ------------------------------------------------

function sinkRecord(topic: string, key: Buffer, value: Buffer, timestamp: number, headers: RecordHeaders): CollectedRecord {
  return { topic, partition: null, key, value, timestamp, headers };
}

/** Deserialize, filter, map, serialize, hand to a collector. */
function plainStateless(records: readonly InputRecord[], collect: (record: CollectedRecord) => void): void {
  for (const record of records) {
    const key = record.key!.toString('utf8');
    const value = record.value!.toString('utf8');
    if (value.length > 5) collect(sinkRecord('output', Buffer.from(key, 'utf8'), Buffer.from(value.toUpperCase(), 'utf8'), record.timestamp, record.headers));
  }
}

/** Deserialize, split, count in a Map; every `commitEvery` records, serialize each changed count twice (output and changelog). */
function plainWordCount(records: readonly InputRecord[], commitEvery: number, collect: (record: CollectedRecord) => void): void {
  const counts = new Map<string, number>();
  let changed = new Set<string>();
  const flush = (timestamp: number, headers: RecordHeaders): void => {
    for (const word of changed) {
      const value = Buffer.alloc(8);
      value.writeBigInt64BE(BigInt(counts.get(word)!));
      collect(sinkRecord('counts', Buffer.from(word, 'utf8'), value, timestamp, headers));
      collect(sinkRecord('bench-counts-changelog', Buffer.from(word, 'utf8'), value, timestamp, headers));
    }
    changed = new Set();
  };
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    record.key!.toString('utf8');
    for (const word of record.value!.toString('utf8').split(' ')) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      changed.add(word);
    }
    if ((i + 1) % commitEvery === 0) flush(record.timestamp, record.headers);
  }
  flush(0, new RecordHeaders());
}

/**
 * For information: the plain loop plus what the pipeline's store must also do at each commit, one
 * LevelDB batch with the changed counts (see docs/benchmarks.md). The goal is judged on the loop above.
 */
async function plainWordCountToLevelDb(records: readonly InputRecord[], commitEvery: number, collect: (record: CollectedRecord) => void, stateDir: string): Promise<void> {
  const db = new ClassicLevel<Buffer, Buffer>(path.join(stateDir, 'plain'), { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  await db.open();
  const counts = new Map<string, number>();
  let changed = new Set<string>();
  const flush = async (timestamp: number, headers: RecordHeaders): Promise<void> => {
    const operations: { type: 'put'; key: Buffer; value: Buffer }[] = [];
    for (const word of changed) {
      const value = Buffer.alloc(8);
      value.writeBigInt64BE(BigInt(counts.get(word)!));
      const key = Buffer.from(word, 'utf8');
      collect(sinkRecord('counts', key, value, timestamp, headers));
      collect(sinkRecord('bench-counts-changelog', Buffer.from(word, 'utf8'), value, timestamp, headers));
      operations.push({ type: 'put', key, value });
    }
    changed = new Set();
    await db.batch(operations);
  };
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    record.key!.toString('utf8');
    for (const word of record.value!.toString('utf8').split(' ')) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      changed.add(word);
    }
    if ((i + 1) % commitEvery === 0) await flush(record.timestamp, record.headers);
  }
  await flush(0, new RecordHeaders());
  await db.close();
}

// --- measuring ----------------------------------------------------------------------------------

interface Figure {
  scenario: string;
  recordsPerSecond: number;
  ceilingPerSecond: number | null;
  goal: number | null;
}

async function measure(runs: number, count: number, run: () => Promise<void> | void): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(count / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]; // the median
}

async function withStateDir<T>(run: (stateDir: string) => Promise<T>): Promise<T> {
  const stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kstreams-bench-'));
  try {
    return await run(stateDir);
  } finally {
    await fs.rm(stateDir, { recursive: true, force: true });
  }
}

async function pipelineRate(options: Options, topology: () => Topology, records: readonly InputRecord[]): Promise<number> {
  // One run to warm the JIT, not counted.
  await withStateDir((dir) => new TaskHarness(topology(), dir, options.commitEvery).run(records.slice(0, Math.min(records.length, 20_000))));
  return measure(options.runs, records.length, () => withStateDir((dir) => new TaskHarness(topology(), dir, options.commitEvery).run(records)));
}

async function plainRate(options: Options, count: number, run: (collect: (record: CollectedRecord) => void) => void): Promise<number> {
  let collected = 0;
  const collect = (record: CollectedRecord): void => {
    if (record.value !== null) collected++;
  };
  run(collect);
  const rate = await measure(options.runs, count, () => run(collect));
  if (collected === 0) throw new Error('the plain loop produced nothing');
  return rate;
}

async function plainLevelDbRate(options: Options, records: readonly InputRecord[]): Promise<number> {
  const collect = (): void => undefined;
  await withStateDir((dir) => plainWordCountToLevelDb(records, options.commitEvery, collect, dir)); // warms the JIT, not counted
  return measure(options.runs, records.length, () => withStateDir((dir) => plainWordCountToLevelDb(records, options.commitEvery, collect, dir)));
}

async function restoreRate(options: Options): Promise<number> {
  const batchSize = 10_000;
  const batches: ChangelogRecord[][] = [];
  for (let from = 0; from < options.records; from += batchSize) {
    const batch: ChangelogRecord[] = [];
    for (let i = from; i < Math.min(options.records, from + batchSize); i++) {
      const value = Buffer.alloc(8);
      value.writeBigInt64BE(BigInt(i));
      batch.push({ key: Buffer.from(`word-${i}`), value, timestamp: i, offset: i });
    }
    batches.push(batch);
  }
  const restoreAll = (stateDir: string) => restoreInto(stateDir, batches, options);
  await withStateDir(restoreAll); // warms the JIT, not counted
  return measure(options.runs, options.records, () => withStateDir(restoreAll));
}

/** Restores every batch into the counts store of a word-count task, as the runtime would after a move. */
async function restoreInto(stateDir: string, batches: readonly ChangelogRecord[][], options: Options): Promise<void> {
  const harness = new TaskHarness(wordCountTopology(), stateDir, options.commitEvery);
  await harness.task.init();
  for (const batch of batches) await harness.storage.restore('counts', batch);
  const checkpoint = harness.storage.checkpoint();
  if (checkpoint[0]?.offset !== options.records - 1) throw new Error(`restore checkpointed ${JSON.stringify(checkpoint)}`);
  await harness.task.close();
  await harness.storage.close();
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(`kstreams pipeline benchmark: ${options.records} records, median of ${options.runs} runs, commit every ${options.commitEvery} records`);
  console.log(`node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.release()}\n`);

  const figures: Figure[] = [];
  if (options.only.has('stateless')) {
    const stateless = inputRecords('input', options.records, shortValues);
    figures.push({
      scenario: 'stateless filter + mapValues (DSL)',
      recordsPerSecond: await pipelineRate(options, statelessTopology, stateless),
      ceilingPerSecond: await plainRate(options, stateless.length, (collect) => plainStateless(stateless, collect)),
      goal: 0.5,
    });
  }
  if (options.only.has('word-count') || options.only.has('dsl-word-count')) {
    const text = inputRecords('lines', options.records, lines);
    const ceiling = await plainRate(options, text.length, (collect) => plainWordCount(text, options.commitEvery, collect));
    if (options.only.has('word-count')) {
      const recordsPerSecond = await pipelineRate(options, wordCountTopology, text);
      figures.push({ scenario: 'word count, LevelDB store with caching', recordsPerSecond, ceilingPerSecond: ceiling, goal: 0.25 });
      const withLevelDb = await plainLevelDbRate(options, text);
      figures.push({ scenario: 'word count, against a loop that also writes each commit to LevelDB (information)', recordsPerSecond, ceilingPerSecond: withLevelDb, goal: null });
    }
    if (options.only.has('dsl-word-count')) {
      figures.push({ scenario: 'word count (DSL, through a repartition topic)', recordsPerSecond: await pipelineRate(options, dslWordCountTopology, text), ceilingPerSecond: ceiling, goal: null });
    }
  }
  if (options.only.has('restore')) {
    figures.push({ scenario: 'restore into LevelDB (batches of 10 000)', recordsPerSecond: await restoreRate(options), ceilingPerSecond: null, goal: null });
  }

  const restoreGoal = 200_000;
  let missed = 0;
  console.log('| scenario | records/s | plain loop records/s | ratio | goal |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const figure of figures) {
    const ratio = figure.ceilingPerSecond === null ? null : figure.recordsPerSecond / figure.ceilingPerSecond;
    let goal = '';
    if (figure.goal !== null && ratio !== null) {
      const met = ratio >= figure.goal;
      if (!met) missed++;
      goal = `≥ ${figure.goal * 100}% of the loop: ${met ? 'met' : 'MISSED'}`;
    } else if (figure.scenario.startsWith('restore')) {
      const met = figure.recordsPerSecond >= restoreGoal;
      if (!met) missed++;
      goal = `≥ ${restoreGoal.toLocaleString('en')} records/s: ${met ? 'met' : 'MISSED'}`;
    }
    console.log(
      `| ${figure.scenario} | ${Math.round(figure.recordsPerSecond).toLocaleString('en')} | ${figure.ceilingPerSecond === null ? '' : Math.round(figure.ceilingPerSecond).toLocaleString('en')} | ${ratio === null ? '' : `${(ratio * 100).toFixed(0)}%`} | ${goal} |`,
    );
  }
  if (missed > 0) console.log(`\n${missed} goal(s) missed (small runs are noisy: judge by the default size).`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
