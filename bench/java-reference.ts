// The Java reference of the throughput benchmark: the scenarios of bench/throughput.ts run by Apache
// Kafka's own Java clients and Kafka Streams 3.9.1 (bench/java-reference/, built with Maven into
// bench/java-reference/target) next to the raw kafkajs loop (B), in one run on one broker and one
// input. See docs/benchmarks.md ("Java Kafka Streams reference").
//
//   npm run bench:java-reference                             (1 000 000 records)
//   npm run bench:java-reference -- --records 20000          (the small size for CI)
//   npx tsx bench/java-reference.ts [--records N] [--word-count-records N]
//        [--only kafkajs,baseline,pass-through,filter-map,word-count] [--bootstrap host:port]
//   Experiments (environment): JAVA_REFERENCE_CONFIG='max.poll.records=2000 linger.ms=5' (extra client /
//   Streams settings, space-separated), JAVA_REFERENCE_JVM_OPTS='-Xmx1g' (extra JVM options).
//
// Scenarios (same input, produced before any timing, as bench/throughput.ts produces it):
//   kafkajs       B of bench/throughput.ts: raw kafkajs eachBatch → send → resolveOffset (its child process)
//   baseline      Java: KafkaConsumer poll → KafkaProducer send of every record (idempotent, acks=all)
//                 → flush → commitSync
//   pass-through  Kafka Streams: stream → to
//   filter-map    Kafka Streams: filter (drops the keys ending in 0) → mapValues(toUpperCase) → to
//   word-count    Kafka Streams: flatMapValues → groupBy → count (RocksDB, 10 MiB cache) → toStream → to
// Kafka Streams: 2 stream threads, commit.interval.ms 1000, at_least_once. Timing as bench/throughput.ts
// does it: from consuming (kafkajs: GROUP_JOIN; Java baseline: first assignment; Kafka Streams: RUNNING)
// until an observer has seen the last expected output record, or, for word count, until the group's
// committed offsets reach the end of the input and repartition topics.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Bench, ChildApp, createInput, filteredCount, parseOnly, parseOptions, throughput, type ChildMessage, type Figure } from './throughput';

const SCENARIOS = ['kafkajs', 'baseline', 'pass-through', 'filter-map', 'word-count'] as const;
type Scenario = (typeof SCENARIOS)[number];

const PROJECT = path.join(__dirname, 'java-reference');
const TARGET = path.join(PROJECT, 'target');
const MAIN_CLASS = 'dev.kstreams.bench.JavaReference';

interface Options {
  records: number;
  wordCountRecords: number;
  only: ReadonlySet<Scenario>;
  bootstrap: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { records: 1_000_000, wordCountRecords: 0, only: new Set(SCENARIOS), bootstrap: process.env.KSTREAMS_BOOTSTRAP ?? '127.0.0.1:9092' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, raw] = [argv[i], argv[i + 1] ?? ''];
    if (name === '--only') {
      options.only = parseOnly(raw, SCENARIOS);
      continue;
    }
    if (name === '--bootstrap') {
      options.bootstrap = raw;
      continue;
    }
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} needs a whole number > 0, got ${raw}`);
    if (name === '--records') options.records = value;
    else if (name === '--word-count-records') options.wordCountRecords = value;
    else throw new Error(`unknown option ${name} (--records N, --word-count-records N, --only ${SCENARIOS.join(',')}, --bootstrap host:port)`);
  }
  if (options.wordCountRecords === 0 || options.wordCountRecords > options.records) options.wordCountRecords = options.records;
  return options;
}

// --- the Java project ----------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** Builds bench/java-reference (mvn compile, dependencies' classpath into target/classpath.txt) unless up to date; returns the classpath. */
function buildJavaReference(): string {
  const classFile = path.join(TARGET, 'classes', ...MAIN_CLASS.split('.')) + '.class';
  const classpathFile = path.join(TARGET, 'classpath.txt');
  const sources = Math.max(fs.statSync(path.join(PROJECT, 'pom.xml')).mtimeMs, newestMtime(path.join(PROJECT, 'src')));
  const upToDate = fs.existsSync(classFile) && fs.existsSync(classpathFile) && fs.statSync(classFile).mtimeMs >= sources
    && fs.readFileSync(classpathFile, 'utf8').trim().split(path.delimiter).every((jar) => fs.existsSync(jar));
  if (upToDate) {
    console.log('Java reference: bench/java-reference/target is up to date');
  } else {
    const started = Date.now();
    const mvn = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', '-f', path.join(PROJECT, 'pom.xml'), 'compile'], { encoding: 'utf8' });
    // Maven 3.8 writes bare ANSI resets even with -q and no colour
    const output = `${mvn.stdout ?? ''}${mvn.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim(); // eslint-disable-line no-control-regex
    if (mvn.error) throw new Error(`could not run mvn (Maven and Java 17+ are needed): ${mvn.error.message}`);
    if (mvn.status !== 0) throw new Error(`mvn compile of bench/java-reference failed (status ${mvn.status}):\n${output}`);
    if (output) console.log(output);
    console.log(`Java reference: built with Maven in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // touch the class so that an up-to-date build (mvn compiles nothing) is not rebuilt next time
  const now = new Date();
  fs.utimesSync(classFile, now, now);
  return [path.join(TARGET, 'classes'), fs.readFileSync(classpathFile, 'utf8').trim()].join(path.delimiter);
}

function javaVersion(): string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) throw new Error(`could not run java (Java 17+ is needed): ${java.error.message}`);
  return (java.stderr ?? '').split('\n')[0]?.trim() || 'java: unknown version';
}

const words = (value: string | undefined): string[] => (value ?? '').split(/\s+/).filter((w) => w.length > 0);

/** The Java process of one scenario; it reports on stdout (see JavaReference.java) and closes on SIGTERM. */
class JavaApp extends ChildApp {
  private closing = false;

  constructor(label: string, classpath: string, args: readonly string[], onUnexpectedExit: (error: Error) => void) {
    super(label, () => spawn('java', [...words(process.env.JAVA_REFERENCE_JVM_OPTS), '-cp', classpath, MAIN_CLASS, ...args, ...words(process.env.JAVA_REFERENCE_CONFIG)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    if (this.child.stdout) {
      readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
        const report = /^java-reference (running|closed|state (\S+)) (\d+)$/.exec(line);
        if (report === null) {
          console.log(`${label}: ${line}`);
          return;
        }
        const message: ChildMessage = report[2] === undefined
          ? { type: report[1] as 'running' | 'closed', atMs: Number(report[3]) }
          : { type: 'state', state: report[2], atMs: Number(report[3]) };
        this.receive(message);
      });
    }
    this.child.on('error', (error) => onUnexpectedExit(new Error(`${label}: ${error.message}`)));
    this.child.on('exit', (code, signal) => {
      if (!this.closing) onUnexpectedExit(new Error(`${label} exited (code ${code}, signal ${signal}) before it was closed`));
    });
  }

  protected requestClose(): void {
    this.closing = true;
    this.child.kill('SIGTERM');
  }
}

// --- the run ---------------------------------------------------------------------------------

interface Row extends Omit<Figure, 'goal'> {
  kind: 'kafkajs B' | 'java baseline' | 'streams';
}

function printRows(rows: readonly Row[]): void {
  const rate = (r: Row): number => r.records / r.seconds;
  const javaBaseline = rows.find((r) => r.kind === 'java baseline');
  const kafkajs = rows.find((r) => r.kind === 'kafkajs B');
  const ratio = (r: Row, base: Row | undefined): string => (base === undefined || base === r ? '' : `${Math.round((rate(r) / rate(base)) * 100)}%`);
  console.log('\n| scenario | records | seconds | records/s | vs Java baseline | vs kafkajs B | measured until | startup |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.records.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(rate(r)).toLocaleString('en')} | ${ratio(r, javaBaseline)} | ${ratio(r, kafkajs)} | ${r.end} | ${(r.startupMs / 1000).toFixed(1)} s |`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const javaScenarios = options.only.has('baseline') || options.only.has('pass-through') || options.only.has('filter-map') || options.only.has('word-count');
  const classpath = javaScenarios ? buildJavaReference() : '';
  const cpus = os.cpus();
  const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Java reference benchmark: ${options.records.toLocaleString('en')} records of ~100 bytes, broker ${options.bootstrap}`);
  console.log(`node ${process.version}, ${javaScenarios ? `${javaVersion()}, ` : ''}${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, load average ${loadAverage()}`);

  // Bench comes with bench/throughput.ts's settings for these records and this broker
  const bench = new Bench(parseOptions(['--records', String(options.records), '--bootstrap', options.bootstrap]));
  const stop = (): void => void bench.cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await bench.admin.connect();
  try {
    const input = await createInput(bench, options.records);

    const n = options.records;
    const rows: Row[] = [];
    let wordCountTraffic = '';
    /** One Java process over `input`, timed by bench/throughput.ts's throughput(); fails as soon as the process dies. */
    const javaRun = async (scenario: Exclude<Scenario, 'kafkajs'>, label: string, scenarioInput: string, records: number, expected: number | 'commits'): Promise<Row> => {
      const id = bench.name(`java-${scenario}${scenario === 'baseline' ? '' : '-app'}`);
      const stateDir = path.join(bench.stateDir, `java-${scenario}`);
      let reject: (error: Error) => void = () => undefined;
      const died = new Promise<never>((_, r) => (reject = r));
      died.catch(() => undefined);
      const figure = await Promise.race([
        throughput(bench, `java-${scenario}`, scenarioInput, records, expected, (output) => bench.adopt(new JavaApp(`java-${scenario}`, classpath, [scenario, options.bootstrap, scenarioInput, output, id, stateDir], reject), id), () => id),
        died,
      ]);
      console.log(`${label}: done`);
      return { scenario: label, kind: scenario === 'baseline' ? 'java baseline' : 'streams', ...figure };
    };

    if (options.only.has('kafkajs')) {
      const label = 'B raw kafkajs eachBatch → send';
      rows.push({ scenario: label, kind: 'kafkajs B', ...(await throughput(bench, 'baseline', input, n, n, (out) => bench.startBaseline(input, out), () => '')) });
      console.log(`${label}: done`);
    }
    if (options.only.has('baseline')) rows.push(await javaRun('baseline', 'Java baseline: poll → send → flush → commitSync', input, n, n));
    if (options.only.has('pass-through')) rows.push(await javaRun('pass-through', 'Java Kafka Streams W1 pass-through', input, n, n));
    if (options.only.has('filter-map')) rows.push(await javaRun('filter-map', 'Java Kafka Streams W2 filter + mapValues', input, n, filteredCount(n)));
    if (options.only.has('word-count')) {
      const wcRecords = options.wordCountRecords;
      const wcInput = wcRecords < n ? await createInput(bench, wcRecords, 'wc-in') : input;
      const row = await javaRun('word-count', 'Java Kafka Streams W3 word count (RocksDB)', wcInput, wcRecords, 'commits');
      rows.push(row);
      // what W3 moved through Kafka: the end offsets of its topics (before they are deleted)
      const records = async (topic: string): Promise<number> => (await bench.admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      const internal = (await bench.admin.listTopics()).filter((t) => t.startsWith(`${bench.name('java-word-count-app')}-`));
      const [repartition, changelog, output] = await Promise.all([
        Promise.all(internal.filter((t) => t.endsWith('-repartition')).map(records)),
        Promise.all(internal.filter((t) => t.endsWith('-changelog')).map(records)),
        records(bench.name('java-word-count-out')),
      ]).then(([r, c, o]) => [r.reduce((a, b) => a + b, 0), c.reduce((a, b) => a + b, 0), o]);
      const perLine = (count: number): string => (count / wcRecords).toFixed(1);
      wordCountTraffic = `Java W3 moved, for ${wcRecords.toLocaleString('en')} input lines: ${repartition.toLocaleString('en')} repartition, ${changelog.toLocaleString('en')} changelog and ${output.toLocaleString('en')} output records; `
        + `${perLine(wcRecords + repartition)} records consumed and ${perLine(repartition + changelog + output)} produced per input line, `
        + `${Math.round((wcRecords + repartition) / row.seconds).toLocaleString('en')} consumed and ${Math.round((repartition + changelog + output) / row.seconds).toLocaleString('en')} produced per second`;
    }
    printRows(rows);
    if (wordCountTraffic) console.log(`\n${wordCountTraffic}`);
    console.log(`\nKafka Streams: 2 stream threads, commit.interval.ms 1000, at_least_once, 10 MiB cache; startup = process spawned → consuming (B: group joined; Java baseline: first assignment; Kafka Streams: RUNNING); load average at the end ${loadAverage()}`);
  } finally {
    await bench.cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
  // a scenario that failed early leaves its timers (and maybe an observer) behind
  setTimeout(() => process.exit(1), 1_000).unref();
});
