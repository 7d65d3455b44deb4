// End-to-end throughput against a real broker: KafkaStreams processes (child processes, topology
// modules on the worker pool) next to a raw kafkajs consume → produce loop over the same records,
// all in one run on one broker. See docs/benchmarks.md ("Throughput against a broker").
//
//   npm run bench:throughput                          (1 000 000 records; builds dist/ first)
//   npm run bench:throughput -- --records 20000      (the small size CI runs)
//   npx tsx bench/throughput.ts [--records N] [--word-count-records N] [--cpu-records N] [--hash-rounds N] [--gap-rate N]
//        [--only baseline,pass-through,filter-map,word-count,cpu,gap] [--profile DIR] [--bootstrap host:port]
//   Tracing the KafkaStreams processes (environment, see throughput-child.mjs): THROUGHPUT_TRACE=1 (time of
//   fetches, task batches, produce requests and commit steps), THROUGHPUT_DEBUG_LOG=FILE (kstreams's debug
//   lines), THROUGHPUT_CONFIG='{...}' (extra settings); bench/profile-summary.mjs reads --profile's files.
//
// Scenarios (the input is produced before any timing; every scenario has its own output topic and group):
//   B  baseline      raw kafkajs: eachBatch → producer.send of the same records → resolveOffset
//   W1 pass-through  stream → to
//   W2 filter-map    filter (drops 1 in 10) → mapValues (upper case) → to
//   W3 word-count    flatMapValues → groupBy → count (LevelDB + cache) → toStream → to, at least once
//   cpu              mapValues hashing each value (~200 µs of SHA-256) with 1, then 2 worker threads
//   gap              two KafkaStreams processes: the longest interval without output while the second joins and leaves
// Timing: from the moment the process consumes (kafkajs GROUP_JOIN; KafkaStreams state RUNNING)
// until a separate consumer has seen the last expected output record (B, W1, W2, cpu), or until the
// group's committed offsets reach the end of the input and repartition topics (W3, whose output
// count depends on the cache).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Admin, type Consumer, type Message, type Producer } from 'kafkajs';

export const SCENARIOS = ['baseline', 'pass-through', 'filter-map', 'word-count', 'cpu', 'gap'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface Options {
  records: number;
  cpuRecords: number;
  /** W3's input size (its own input topic when smaller than `records`); compared with B by records/s. */
  wordCountRecords: number;
  hashRounds: number;
  /** Records per second produced while the second process joins and leaves. */
  gapRate: number;
  /** How long each phase of the gap scenario runs once settled. */
  settleMs: number;
  only: ReadonlySet<Scenario>;
  /** Run the KafkaStreams processes with --cpu-prof, profiles into this directory. */
  profileDir: string | null;
  bootstrap: string;
}

/** The scenarios an `--only a,b` names, each one of `scenarios`. */
export function parseOnly<S extends string>(raw: string, scenarios: readonly S[]): Set<S> {
  const only = raw.split(',');
  const unknown = only.filter((s) => !(scenarios as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`--only takes ${scenarios.join(', ')}; got ${unknown.join(', ')}`);
  return new Set(only as S[]);
}

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    records: 1_000_000, cpuRecords: 20_000, wordCountRecords: 0, hashRounds: 200, gapRate: 2_000, settleMs: 5_000,
    only: new Set(SCENARIOS), profileDir: null, bootstrap: process.env.KSTREAMS_BOOTSTRAP ?? '127.0.0.1:9092',
  };
  let cpuRecordsGiven = false;
  let settleGiven = false;
  for (let i = 0; i < argv.length; i += 2) {
    const [name, raw] = [argv[i], argv[i + 1] ?? ''];
    if (name === '--only') {
      options.only = parseOnly(raw, SCENARIOS);
      continue;
    }
    if (name === '--profile') {
      options.profileDir = path.resolve(raw);
      continue;
    }
    if (name === '--bootstrap') {
      options.bootstrap = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} needs a whole number > 0, got ${raw}`);
    if (name === '--records') options.records = value;
    else if (name === '--cpu-records') [options.cpuRecords, cpuRecordsGiven] = [value, true];
    else if (name === '--word-count-records') options.wordCountRecords = value;
    else if (name === '--hash-rounds') options.hashRounds = value;
    else if (name === '--gap-rate') options.gapRate = value;
    else if (name === '--settle-ms') [options.settleMs, settleGiven] = [value, true];
    else throw new Error(`unknown option ${name} (--records N, --cpu-records N, --hash-rounds N, --gap-rate N, --settle-ms N, --only ${SCENARIOS.join(',')}, --profile DIR, --bootstrap host:port)`);
  }
  // the small (CI) size keeps every scenario short
  if (!cpuRecordsGiven) options.cpuRecords = Math.min(options.cpuRecords, Math.max(1_000, Math.floor(options.records / 4)));
  if (options.wordCountRecords === 0 || options.wordCountRecords > options.records) options.wordCountRecords = options.records;
  if (!settleGiven && options.records < 200_000) options.settleMs = 2_000;
  return options;
}

export const PARTITIONS = 4;
const HERE = __dirname;
const CHILD = path.join(HERE, 'throughput-child.mjs');
const TOPOLOGIES = path.join(HERE, 'throughput-topologies');
const SCENARIO_TIMEOUT_MS = 15 * 60_000;
const VOCABULARY = Array.from({ length: 10_000 }, (_, i) => `w${(i * 7919) % 10_000}`);

// --- input ------------------------------------------------------------------------------------

/** A deterministic pseudo-random sequence, so every run sees the same records. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/** Lines of words from a 10 000-word vocabulary, 95–105 bytes; keys `k<i>`. */
function lineOf(next: () => number): string {
  let line = VOCABULARY[Math.floor(next() * VOCABULARY.length)];
  while (line.length < 95) line += ` ${VOCABULARY[Math.floor(next() * VOCABULARY.length)]}`;
  return line;
}

/** Record i goes to partition i % 4; W2 keeps the records whose index does not end in 0. */
export async function produceInput(producer: Producer, topic: string, count: number): Promise<void> {
  const next = random(42);
  const chunk = 4_000;
  const inFlight: Promise<unknown>[] = [];
  for (let from = 0; from < count; from += chunk) {
    const byPartition: Message[][] = Array.from({ length: PARTITIONS }, () => []);
    for (let i = from; i < Math.min(count, from + chunk); i++) byPartition[i % PARTITIONS].push({ key: `k${i}`, value: lineOf(next) });
    inFlight.push(producer.sendBatch({ topicMessages: byPartition.map((messages, partition) => ({ topic, messages: messages.map((m) => ({ ...m, partition })) })) }));
    if (inFlight.length >= 4) await inFlight.shift();
  }
  await Promise.all(inFlight);
}

export const filteredCount = (count: number): number => count - Math.ceil(count / 10);

// --- the observer: a separate consumer of the output ---------------------------------------------

interface Arrival {
  atMs: number;
  records: number;
  /** The largest (arrival − record timestamp) in the batch. */
  maxLatencyMs: number;
  /** Bit p set: the batch holds a record produced to input partition p (key `k<n>`, n % 4 = p). */
  inputPartitions: number;
}

class Observer {
  count = 0;
  lastAtMs = 0;
  readonly arrivals: Arrival[] = [];
  private readonly consumer: Consumer;
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(kafka: Kafka, groupId: string, private readonly topic: string) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, allowAutoTopicCreation: false });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()));
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const atMs = Date.now();
        let maxLatencyMs = 0;
        let inputPartitions = 0;
        for (const m of batch.messages) {
          maxLatencyMs = Math.max(maxLatencyMs, atMs - Number(m.timestamp));
          inputPartitions |= 1 << (Number(m.key?.toString('latin1', 1)) % PARTITIONS);
        }
        this.count += batch.messages.length;
        this.lastAtMs = atMs;
        this.arrivals.push({ atMs, records: batch.messages.length, maxLatencyMs, inputPartitions });
        this.waiters = this.waiters.filter((w) => (this.count >= w.count ? (w.resolve(), false) : true));
      },
    });
    await joined;
  }

  /** Resolves with the arrival time of the record that made the count reach `count`. */
  waitForCount(count: number, timeoutMs: number): Promise<number> {
    if (this.count >= count) return Promise.resolve(this.lastAtMs);
    return withTimeout(new Promise<void>((resolve) => this.waiters.push({ count, resolve })), timeoutMs, `the output ${this.topic} to reach ${count} records (it has ${this.count})`).then(() => this.lastAtMs);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

// --- the processes under test ------------------------------------------------------------------

interface BaselineJob { mode: 'baseline'; bootstrap: string; input: string; output: string; groupId: string }
interface StreamsJob {
  mode: 'streams'; bootstrap: string; applicationId: string; topology: string; threads: number; commitIntervalMs: number; stateDir: string;
  env: Record<string, string>;
}
export interface ChildMessage { type: 'running' | 'state' | 'closed'; atMs: number; state?: string }

/** A process under test, started as a child process, with what it reported (as ChildMessages). */
export abstract class ChildApp {
  readonly messages: ChildMessage[] = [];
  readonly spawnedAtMs: number;
  protected readonly child: ChildProcess;
  private exited = false;
  private listeners: (() => void)[] = [];

  protected constructor(readonly label: string, spawnChild: () => ChildProcess) {
    this.spawnedAtMs = Date.now();
    this.child = spawnChild();
    this.child.on('exit', () => {
      this.exited = true;
      for (const listener of this.listeners) listener();
    });
  }

  /** Asks the child to close gracefully (leave its group) and report 'closed'. */
  protected abstract requestClose(): void;

  protected receive(message: ChildMessage): void {
    this.messages.push(message);
    for (const listener of this.listeners) listener();
  }

  /** The first message of `type` (and `state`) reported at or after `afterMs`. */
  waitFor(type: ChildMessage['type'], afterMs = 0, timeoutMs = 120_000): Promise<ChildMessage> {
    const find = (): ChildMessage | undefined => this.messages.find((m) => m.type === type && m.atMs >= afterMs);
    return withTimeout(new Promise<ChildMessage>((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found) resolve(found);
        else if (this.exited) reject(new Error(`${this.label} exited before reporting '${type}'`));
      };
      this.listeners.push(check);
      check();
    }), timeoutMs, `${this.label} to report '${type}'`);
  }

  /** Graceful close (leaves the group); resolves with the time the child reported it closed. */
  async close(timeoutMs = 90_000): Promise<number> {
    if (this.exited) return Date.now();
    this.requestClose();
    try {
      const closed = await this.waitFor('closed', 0, timeoutMs);
      await withTimeout(new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve()))), 30_000, `${this.label} to exit`);
      return closed.atMs;
    } finally {
      this.kill();
    }
  }

  kill(): void {
    if (!this.exited && this.child.pid !== undefined) this.child.kill('SIGKILL');
  }
}

/** A child process running throughput-child.mjs. */
class App extends ChildApp {
  constructor(label: string, job: BaselineJob | StreamsJob, profileDir: string | null) {
    const profile = profileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', path.join(profileDir, label)];
    super(label, () => spawn(process.execPath, [...profile, CHILD, JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    this.child.on('message', (message: ChildMessage) => this.receive(message));
  }

  protected requestClose(): void {
    this.child.send('close');
  }
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// --- the run ---------------------------------------------------------------------------------

export interface Figure {
  scenario: string;
  records: number;
  seconds: number;
  /** Spawn → consuming (group joined / RUNNING). */
  startupMs: number;
  end: 'last output' | 'offsets committed';
  goal: number | null;
}

export class Bench {
  readonly runId = `kstreams-bench-tp-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  readonly kafka: Kafka;
  readonly admin: Admin;
  private readonly apps = new Set<ChildApp>();
  private readonly observers = new Set<Observer>();
  private readonly groups = new Set<string>();
  readonly stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstreams-bench-tp-'));
  private serial = 0;

  constructor(readonly options: Options) {
    this.kafka = new Kafka({ clientId: 'bench-throughput', brokers: [options.bootstrap], logLevel: logLevel.ERROR });
    this.admin = this.kafka.admin();
  }

  name(what: string): string {
    return `${this.runId}-${what}`;
  }

  async createTopics(...topics: string[]): Promise<void> {
    await this.admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })) });
  }

  async observe(topic: string): Promise<Observer> {
    const groupId = this.name(`observer-${++this.serial}`);
    this.groups.add(groupId);
    const observer = new Observer(this.kafka, groupId, topic);
    this.observers.add(observer);
    await observer.start();
    return observer;
  }

  async stopObserver(observer: Observer): Promise<void> {
    this.observers.delete(observer);
    await observer.stop();
  }

  startBaseline(input: string, output: string): App {
    const groupId = this.name(`baseline-${++this.serial}`);
    this.groups.add(groupId);
    return this.track(new App('baseline', { mode: 'baseline', bootstrap: this.options.bootstrap, input, output, groupId }, this.options.profileDir));
  }

  startStreams(label: string, applicationId: string, topology: string, input: string, output: string, threads: number, env: Record<string, string> = {}): App {
    this.groups.add(applicationId);
    return this.track(new App(label, {
      mode: 'streams', bootstrap: this.options.bootstrap, applicationId, topology: path.join(TOPOLOGIES, topology), threads, commitIntervalMs: 1_000,
      stateDir: path.join(this.stateDir, `${label}-${++this.serial}`), env: { THROUGHPUT_INPUT: input, THROUGHPUT_OUTPUT: output, ...env },
    }, this.options.profileDir));
  }

  async stopApp(app: ChildApp): Promise<number> {
    try {
      return await app.close();
    } finally {
      this.apps.delete(app);
    }
  }

  /** Polls until `groupId`'s committed offsets equal the end offsets of `topics`; returns when it saw that. */
  async committedToEnd(groupId: string, topics: () => Promise<string[]>, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const names = await topics();
      const [ends, committed] = await Promise.all([
        Promise.all(names.map(async (topic) => ({ topic, offsets: await this.admin.fetchTopicOffsets(topic) }))),
        this.admin.fetchOffsets({ groupId, topics: names }),
      ]);
      const done = ends.every(({ topic, offsets }) => offsets.every((end) => {
        const group = committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === end.partition);
        return Number(end.high) === 0 || Number(group?.offset ?? -1) >= Number(end.high);
      }));
      if (done) return Date.now();
      await sleep(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${groupId} to commit the end of its inputs`);
  }

  async cleanUp(): Promise<void> {
    for (const app of this.apps) app.kill();
    for (const observer of this.observers) await observer.stop().catch(() => undefined);
    const ours = (await this.admin.listTopics()).filter((t) => t.startsWith(this.runId));
    if (ours.length > 0) await this.admin.deleteTopics({ topics: ours, timeout: 30_000 }).catch((e: unknown) => console.warn(`deleting the topics ${ours.join(', ')} failed: ${String(e)}`));
    await this.admin.deleteGroups([...this.groups]).catch(() => undefined); // empty groups only; best effort
    await this.admin.disconnect();
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** Another process under test (its group deleted at the end, the process killed if still running). */
  adopt<T extends ChildApp>(app: T, groupId: string): T {
    this.groups.add(groupId);
    return this.track(app);
  }

  private track<T extends ChildApp>(app: T): T {
    this.apps.add(app);
    return app;
  }
}

/** One consume → produce process over `input` into a fresh output topic, timed as the header says. */
export async function throughput(bench: Bench, label: string, input: string, records: number, expected: number | 'commits', start: (output: string) => ChildApp, groupId: () => string): Promise<Omit<Figure, 'scenario' | 'goal'>> {
  const output = bench.name(`${label}-out`);
  await bench.createTopics(output);
  const observer = await bench.observe(output);
  const app = start(output);
  try {
    const running = await app.waitFor('running');
    const endMs = expected === 'commits'
      ? await bench.committedToEnd(groupId(), async () => [input, ...(await bench.admin.listTopics()).filter((t) => t.startsWith(`${groupId()}-`) && t.endsWith('-repartition'))], SCENARIO_TIMEOUT_MS)
      : await observer.waitForCount(expected, SCENARIO_TIMEOUT_MS);
    if (expected !== 'commits' && observer.count !== expected) console.warn(`${label}: ${observer.count} output records, expected ${expected}`);
    return { records, seconds: (endMs - running.atMs) / 1000, startupMs: running.atMs - app.spawnedAtMs, end: expected === 'commits' ? 'offsets committed' : 'last output' };
  } finally {
    await bench.stopApp(app);
    await bench.stopObserver(observer);
  }
}

interface GapWindow { what: string; fromMs: number; toMs: number; note: string }

/** The longest interval between output arrivals (of records from input partition `partition`, or any) that overlaps [fromMs, toMs]. */
function longestGap(arrivals: readonly Arrival[], fromMs: number, toMs: number, partition: number | null = null): number {
  let gapMs = 0;
  let previousMs: number | null = null;
  for (const arrival of arrivals) {
    if (partition !== null && (arrival.inputPartitions & (1 << partition)) === 0) continue;
    if (previousMs !== null && arrival.atMs >= fromMs && previousMs <= toMs) gapMs = Math.max(gapMs, arrival.atMs - previousMs);
    previousMs = arrival.atMs;
  }
  return gapMs;
}

function largestLatency(arrivals: readonly Arrival[], fromMs: number, toMs: number): number {
  return arrivals.filter((a) => a.atMs >= fromMs && a.atMs <= toMs).reduce((max, a) => Math.max(max, a.maxLatencyMs), 0);
}

/** Two KafkaStreams processes (pass-through, 1 thread each) under a steady input: the second joins, then leaves gracefully. */
async function gapScenario(bench: Bench): Promise<void> {
  const { gapRate, settleMs } = bench.options;
  const input = bench.name('gap-in');
  const output = bench.name('gap-out');
  const applicationId = bench.name('gap-app');
  await bench.createTopics(input, output);
  const observer = await bench.observe(output);
  const producer = bench.kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let produced = 0;
  let producing = true;
  const perTick = Math.max(1, Math.round(gapRate / 20));
  const feeding = (async () => {
    const started = Date.now();
    while (producing) {
      const messages: Message[] = [];
      for (let i = 0; i < perTick; i++, produced++) messages.push({ key: `k${produced}`, value: `gap record ${produced}`.padEnd(100, '.'), partition: produced % PARTITIONS, timestamp: String(Date.now()) });
      await producer.send({ topic: input, messages });
      await sleep(Math.max(0, started + (produced / gapRate) * 1000 - Date.now()));
    }
  })();
  const first = bench.startStreams('gap-a', applicationId, 'pass-through.mjs', input, output, 1);
  const windows: GapWindow[] = [];
  try {
    const aRunning = await first.waitFor('running');
    await sleep(settleMs);
    windows.push({ what: 'steady, one process (for reference)', fromMs: aRunning.atMs + 1_000, toMs: Date.now(), note: '' });

    const joinFromMs = Date.now();
    const second = bench.startStreams('gap-b', applicationId, 'pass-through.mjs', input, output, 1);
    const bRunning = await second.waitFor('running');
    const aAgain = await first.waitFor('running', joinFromMs);
    await sleep(settleMs);
    windows.push({
      what: 'second process joins', fromMs: joinFromMs, toMs: Date.now(),
      note: `spawn → both RUNNING ${((Math.max(bRunning.atMs, aAgain.atMs) - joinFromMs) / 1000).toFixed(1)} s`,
    });

    const leaveFromMs = Date.now();
    const closedAtMs = await bench.stopApp(second);
    const aAfter = await first.waitFor('running', leaveFromMs);
    await sleep(settleMs);
    windows.push({ what: 'second process leaves (close())', fromMs: leaveFromMs, toMs: Date.now(), note: `close() took ${((closedAtMs - leaveFromMs) / 1000).toFixed(1)} s; first RUNNING with all 4 tasks ${((aAfter.atMs - leaveFromMs) / 1000).toFixed(1)} s after close()` });

    producing = false;
    await feeding;
    await observer.waitForCount(produced, 60_000);
    console.log(`\ngap: ${gapRate} records/s produced (${produced} in all, ${observer.count - produced} duplicates seen: at least once), pass-through, 1 worker thread per process, commit.interval.ms 1000`);
    console.log('| phase | longest interval without any output | longest without output of one input partition (per partition) | largest produce → observed latency | |');
    console.log('| --- | ---: | --- | ---: | --- |');
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    for (const w of windows) {
      const perPartition = Array.from({ length: PARTITIONS }, (_, p) => longestGap(observer.arrivals, w.fromMs, w.toMs, p));
      console.log(
        `| ${w.what} | ${seconds(longestGap(observer.arrivals, w.fromMs, w.toMs))} | ${seconds(Math.max(...perPartition))} (${perPartition.map((ms) => (ms / 1000).toFixed(1)).join(' / ')}) | ${seconds(largestLatency(observer.arrivals, w.fromMs, w.toMs))} | ${w.note} |`,
      );
    }
  } finally {
    producing = false;
    await feeding.catch(() => undefined);
    await producer.disconnect();
    await bench.stopApp(first);
    await bench.stopObserver(observer);
  }
}

/** Microseconds of hashing per record on this thread, as the cpu topology does it. */
function hashMicros(rounds: number): number {
  const count = 500;
  const started = process.hrtime.bigint();
  for (let r = 0; r < count; r++) {
    let digest = Buffer.from(`k${r} ${'x'.repeat(96)}`);
    for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest();
  }
  return Number(process.hrtime.bigint() - started) / 1e3 / count;
}

function printFigures(figures: readonly Figure[]): void {
  const baseline = figures.find((f) => f.scenario.startsWith('B '));
  const rate = (f: Figure): number => f.records / f.seconds;
  console.log('\n| scenario | records | seconds | records/s | vs B | goal | measured until | startup |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |');
  let missed = 0;
  for (const f of figures) {
    const ratio = baseline && f !== baseline && f.goal !== null ? rate(f) / rate(baseline) : null;
    const met = ratio !== null && f.goal !== null ? ratio >= f.goal : null;
    if (met === false) missed++;
    const goal = f.goal === null ? '' : `≥ ${Math.round(f.goal * 100)}% of B: ${met === null ? 'n/a' : met ? 'met' : 'MISSED'}`;
    console.log(
      `| ${f.scenario} | ${f.records.toLocaleString('en')} | ${f.seconds.toFixed(1)} | ${Math.round(rate(f)).toLocaleString('en')} | ${ratio === null ? '' : `${Math.round(ratio * 100)}%`} | ${goal} | ${f.end} | ${(f.startupMs / 1000).toFixed(1)} s |`,
    );
  }
  if (missed > 0) console.log(`\n${missed} goal(s) missed (small runs are noisy and dominated by start-up: judge by the default size).`);
}

/** A fresh 4-partition input topic of the run (`<run>-<name>`) holding `records` input records; its name. */
export async function createInput(bench: Bench, records: number, name = 'in'): Promise<string> {
  const input = bench.name(name);
  await bench.createTopics(input);
  const producer = bench.kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const produceStarted = Date.now();
  await produceInput(producer, input, records);
  await producer.disconnect();
  console.log(`input produced in ${((Date.now() - produceStarted) / 1000).toFixed(1)} s\n`);
  return input;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(path.join(HERE, '..', 'dist', 'index.mjs'))) throw new Error('dist/ is missing: run `npm run build` first (the KafkaStreams processes load kstreams from dist/)');
  const cpus = os.cpus();
  console.log(`kstreams throughput benchmark: ${options.records.toLocaleString('en')} records of ~100 bytes, ${PARTITIONS} partitions, broker ${options.bootstrap}`);
  console.log(`node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const bench = new Bench(options);
  const stop = (): void => void bench.cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await bench.admin.connect();
  try {
    const figures: Figure[] = [];
    const throughputScenarios = (['baseline', 'pass-through', 'filter-map', 'word-count'] as const).filter((s) => options.only.has(s));
    if (throughputScenarios.length > 0) {
      const input = await createInput(bench, options.records);

      const n = options.records;
      const all = Object.fromEntries(throughputScenarios.map((s) => [s, true])) as Partial<Record<Scenario, boolean>>;
      if (all.baseline) {
        figures.push({ scenario: 'B raw kafkajs eachBatch → send', goal: null, ...(await throughput(bench, 'baseline', input, n, n, (out) => bench.startBaseline(input, out), () => '')) });
        console.log('B: done');
      }
      const streamsRun = async (scenario: Scenario, label: string, topology: string, expected: number | 'commits', goal: number): Promise<void> => {
        const applicationId = bench.name(`${scenario}-app`);
        figures.push({ scenario: label, goal, ...(await throughput(bench, scenario, input, n, expected, (out) => bench.startStreams(scenario, applicationId, topology, input, out, 2), () => applicationId)) });
        console.log(`${label}: done`);
      };
      if (all['pass-through']) await streamsRun('pass-through', 'W1 pass-through (stream → to)', 'pass-through.mjs', n, 0.9);
      if (all['filter-map']) await streamsRun('filter-map', 'W2 filter + mapValues', 'filter-map.mjs', filteredCount(n), 0.8);
      if (all['word-count']) {
        const wcRecords = options.wordCountRecords;
        const wcInput = wcRecords < n ? await createInput(bench, wcRecords, 'wc-in') : input;
        const applicationId = bench.name('word-count-app');
        const label = 'W3 word count (repartition, LevelDB), at least once';
        figures.push({ scenario: label, goal: 0.5, ...(await throughput(bench, 'word-count', wcInput, wcRecords, 'commits', (out) => bench.startStreams('word-count', applicationId, 'word-count.mjs', wcInput, out, 2), () => applicationId)) });
        console.log(`${label}: done`);
      }
      printFigures(figures);
      console.log('\nKafkaStreams: 2 worker threads, commit.interval.ms 1000, at_least_once; startup = process spawned → consuming (B: group joined; W: RUNNING)');
    }

    if (options.only.has('cpu')) {
      const input = await createInput(bench, options.cpuRecords, 'cpu-in');
      const env = { THROUGHPUT_HASH_ROUNDS: String(options.hashRounds) };
      const rows: { threads: number; seconds: number }[] = [];
      for (const threads of [1, 2]) {
        const applicationId = bench.name(`cpu-${threads}-app`);
        const figure = await throughput(bench, `cpu-${threads}`, input, options.cpuRecords, options.cpuRecords, (out) => bench.startStreams(`cpu-${threads}`, applicationId, 'hash.mjs', input, out, threads, env), () => applicationId);
        rows.push({ threads, seconds: figure.seconds });
      }
      console.log(`\ncpu: mapValues with ${options.hashRounds} SHA-256 rounds per record (${hashMicros(options.hashRounds).toFixed(0)} µs per record on one thread here), ${options.cpuRecords.toLocaleString('en')} records`);
      console.log('| worker threads | seconds | records/s | speed-up |');
      console.log('| ---: | ---: | ---: | ---: |');
      for (const row of rows) console.log(`| ${row.threads} | ${row.seconds.toFixed(1)} | ${Math.round(options.cpuRecords / row.seconds).toLocaleString('en')} | ${(rows[0].seconds / row.seconds).toFixed(2)}× |`);
    }

    if (options.only.has('gap')) await gapScenario(bench);
  } finally {
    await bench.cleanUp();
  }
}

// run as a script (bench/java-reference.ts imports the pieces above)
if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
