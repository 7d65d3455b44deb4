// Failover (issue 8, item 3): three processes of one word-count application; one is killed with
// SIGKILL while input flows. Its tasks go to the survivors once its session times out, the
// survivors restore the moved counts from the changelog and finish. At least once: nothing is lost,
// and what is counted twice is only what the killed process did after its last commit.
import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { closeBrokerClients, type BrokerClients, consumeUntil, openBrokerClients, TestTopics, uniqueName, waitUntil, type ConsumedRecord } from './support/kafka';
import { killChildren, StreamsProcess } from './support/streams-process';
import { countWords, lastCounts, wordsOf } from './support/word-counts';

const repoRoot = path.resolve(__dirname, '..', '..');
const wordCountModule = path.join(repoRoot, 'examples', 'topologies', 'word-count.mjs');

const PARTITIONS = 6;
const VOCABULARY = Array.from({ length: 80 }, (_, i) => `w${i}`);
/** The broker's group.min.session.timeout.ms (default 6000) is the shortest session it accepts. */
const SESSION_TIMEOUT_MS = 6000;

type Offsets = Map<number, number>;

/**
 * The survivors' counts-store entries (each word lives in one task, so in one process), by
 * KafkaStreams#store(); undefined when the build has none. A store restoring or moving is retried.
 */
async function queryCounts(processes: readonly StreamsProcess[]): Promise<Map<string, number> | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      const counts = new Map<string, number>();
      for (const p of processes) for (const [word, count] of await p.queryStore('counts-store')) counts.set(String(word), Number(count));
      return counts;
    } catch (error) {
      if ((error as Error).name === 'Unsupported') return undefined;
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('failover (real broker, child processes)', function () {
  this.timeout(120_000);
  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  let producer: Producer;
  const stateDirs: string[] = [];
  const children: StreamsProcess[] = [];

  let clients: BrokerClients | undefined;
  before(async () => {
    clients = await openBrokerClients('kstreams-failover-it');
    ({ kafka, admin, topics, producer } = clients);
  });

  afterEach(function () {
    return killChildren(this.currentTest, children);
  });

  after(() => closeBrokerClients(clients, stateDirs));

  async function committed(groupId: string, topic: string): Promise<Offsets> {
    const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
    // -1: nothing committed, the next owner starts at the beginning (auto.offset.reset earliest)
    return new Map(fetched.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]));
  }

  async function ends(topic: string): Promise<Offsets> {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  }

  async function readAll(topic: string): Promise<ConsumedRecord[]> {
    const total = [...(await ends(topic)).values()].reduce((n, o) => n + o, 0);
    return consumeUntil(kafka, [topic], (r) => r.length >= total, {}, 30_000);
  }

  it('a process killed with SIGKILL while input flows: the survivors take over its tasks, restore them and finish without losing a count', async () => {
    const input = await topics.create('fo-in', { numPartitions: PARTITIONS });
    // LogAppendTime: the broker stamps each output record, which times the moved tasks' first output
    const output = await topics.create('fo-out', { numPartitions: PARTITIONS, configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] });
    const applicationId = uniqueName('fo-app');
    const repartition = topics.track(`${applicationId}-counts-store-repartition`);
    const changelog = topics.track(`${applicationId}-counts-store-changelog`);
    const config = (): Record<string, unknown> => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kstreams-failover-'));
      stateDirs.push(dir);
      return {
        'application.id': applicationId,
        'bootstrap.servers': '127.0.0.1:9092',
        'num.stream.threads': 2,
        'state.dir': dir,
        // long enough that a kill usually lands with uncommitted work (reprocessed by the new owner)
        'commit.interval.ms': 1000,
        'consumer.sessionTimeout': SESSION_TIMEOUT_MS,
        'consumer.heartbeatInterval': 500,
        'consumer.maxWaitTimeInMs': 100,
      };
    };
    const env = { WORD_COUNT_INPUT: input, WORD_COUNT_OUTPUT: output };

    // --- three members split the 12 tasks (0_p: split lines and repartition; 1_p: count, with a changelog)
    const processes = [0, 1, 2].map(() => new StreamsProcess(wordCountModule, config(), env));
    children.push(...processes);
    const allTasks = [...Array(PARTITIONS).keys()].flatMap((p) => [`0_${p}`, `1_${p}`]).sort();
    await waitUntil(
      () => processes.every((p) => p.state() === 'RUNNING' && p.runningTasks().length > 0) && processes.flatMap((p) => p.runningTasks()).sort().join() === allTasks.join(),
      'the three processes to split the 12 tasks',
      30_000,
    );

    // --- input flows: 2 lines per partition every ~20 ms, every sent line remembered
    const sent: string[] = [];
    let flowing = true;
    let seed = 7;
    const nextWord = (): string => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return VOCABULARY[seed % VOCABULARY.length];
    };
    const flow = (async () => {
      for (let round = 0; flowing; round++) {
        const messages = Array.from({ length: 2 * PARTITIONS }, (_, i) => ({
          key: `line-${round}-${i}`,
          value: Array.from({ length: 4 }, nextWord).join(' '),
          partition: i % PARTITIONS,
        }));
        await producer.send({ topic: input, messages });
        sent.push(...messages.map((m) => m.value));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    try {
      // every task has committed at least once, and more input has come since
      await waitUntil(async () => {
        const [inputCommits, repartitionCommits] = await Promise.all([committed(applicationId, input), committed(applicationId, repartition)]);
        return [...inputCommits.values(), ...repartitionCommits.values()].filter((o) => o > 0).length === 2 * PARTITIONS;
      }, 'a commit of every task', 30_000, 200);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      // --- the victim: the process with the most counting tasks (moved stateful tasks restore)
      const victim = [...processes].sort((a, b) => b.runningTasks().filter((t) => t.startsWith('1_')).length - a.runningTasks().filter((t) => t.startsWith('1_')).length)[0];
      const survivors = processes.filter((p) => p !== victim);
      const moved = victim.runningTasks();
      const movedSplits = new Set(moved.filter((t) => t.startsWith('0_')).map((t) => Number(t.slice(2))));
      const movedCounts = new Set(moved.filter((t) => t.startsWith('1_')).map((t) => Number(t.slice(2))));
      expect(movedCounts.size).to.be.greaterThan(0);
      const killedAt = Date.now();
      await victim.kill();
      // Read at once, well within the session timeout: the dead member's partitions are nobody's
      // until the broker expels it, so these are its last commits, where its successors start. (A
      // commit of its that the broker still applied after this read only shrinks what is reprocessed.)
      const [inputCommitted, repartitionCommitted, inputEnds, repartitionEnds, outputEnds] = await Promise.all([
        committed(applicationId, input),
        committed(applicationId, repartition),
        ends(input),
        ends(repartition),
        ends(output),
      ]);
      const readAt = Date.now();
      expect(readAt - killedAt, 'the offsets were read before the session could time out').to.be.below(SESSION_TIMEOUT_MS);

      // --- the survivors take over every task while input still flows
      const takenOver = (): boolean => {
        const running = survivors.map((p) => p.events.filter((e) => e.event === 'state' && e.state === 'RUNNING' && (e.tasks as string[]).some((t) => moved.includes(t))).at(-1));
        return survivors.every((p) => p.state() === 'RUNNING') && survivors.flatMap((p) => p.runningTasks()).sort().join() === allTasks.join() && running.some((e) => e !== undefined);
      };
      await waitUntil(takenOver, 'the survivors to run all 12 tasks', SESSION_TIMEOUT_MS + 20_000, 50);
      const takenOverAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      flowing = false;
      await flow;

      // --- the final counts are reached within a bounded time: everything consumed and committed
      const expected = countWords(sent);
      const finalInputEnds = await ends(input);
      await waitUntil(async () => {
        const [inputCommits, repartitionCommits, repartitionEnd] = await Promise.all([committed(applicationId, input), committed(applicationId, repartition), ends(repartition)]);
        return [...finalInputEnds].every(([p, end]) => inputCommits.get(p) === end) && [...repartitionEnd].every(([p, end]) => repartitionCommits.get(p) === end);
      }, 'the survivors to commit the end of the input and repartition topics', 30_000, 200);
      const finishedAt = Date.now();

      // --- what the killed process may have counted twice (the bound, per word):
      //  A. lines of its split tasks 0_p at offsets [last commit, end at the kill): its successor splits
      //     them again and repartitions each word once more; lines past the end at the kill it never saw.
      //  B. repartition records of its counting tasks 1_p at offsets [last commit, end at the kill): it may
      //     have counted them and sent the counts to the changelog, which its successor restores, and
      //     the successor counts them again from the committed offset. Each such record adds 1 to its key.
      //  A repartition record is counted once by its rightful owner plus at most once more (one crash),
      //  and a re-split line's new repartition records lie past the kill's end, so A and B do not overlap.
      const [inputRecords, repartitionRecords] = await Promise.all([readAll(input), readAll(repartition)]);
      const slack = new Map<string, number>();
      const add = (word: string): void => void slack.set(word, (slack.get(word) ?? 0) + 1);
      let resplitLines = 0;
      for (const r of inputRecords) {
        const offset = Number(r.offset);
        if (!movedSplits.has(r.partition) || offset < inputCommitted.get(r.partition)! || offset >= inputEnds.get(r.partition)!) continue;
        resplitLines++;
        for (const word of wordsOf(r.value!.toString())) add(word);
      }
      let recounted = 0;
      for (const r of repartitionRecords) {
        const offset = Number(r.offset);
        if (!movedCounts.has(r.partition) || offset < repartitionCommitted.get(r.partition)! || offset >= repartitionEnds.get(r.partition)!) continue;
        recounted++;
        add(r.key!.toString());
      }

      // --- the output: the last count per word, and the moved counting tasks' first output after the kill
      const outputRecords = await readAll(output);
      const outputCounts = lastCounts(outputRecords);
      // output and repartition topics have the same partition count and both use murmur2 of the
      // serialized word: output partition p is written by task 1_p alone
      const movedFirstOutput = [...movedCounts].map((p) => {
        const first = outputRecords.filter((r) => r.partition === p && Number(r.offset) >= outputEnds.get(p)!).sort((a, b) => Number(a.offset) - Number(b.offset))[0];
        return { partition: p, appendedAt: first === undefined ? undefined : Number(first.timestamp) };
      });
      const changelogCounts = lastCounts(await readAll(changelog));
      const storeCounts = await queryCounts(survivors);

      const events = survivors.flatMap((s) => s.events.filter((e) => e.event === 'debug').map((e) => ({ at: Number(e.at), message: String(e.message) })));
      const firstEvent = (pattern: RegExp): number | undefined => events.filter((e) => e.at >= killedAt && pattern.test(e.message)).map((e) => e.at).sort((a, b) => a - b)[0];
      const movedList = moved.join('|');
      const assignedAt = firstEvent(new RegExp(`^assigned \\(generation \\d+\\): .*\\b(${movedList})\\b.*; had (?!.*\\b(${movedList})\\b)`));
      const restoredAt = firstEvent(new RegExp(`^task (${moved.filter((t) => t.startsWith('1_')).join('|')}): restore complete`));
      const firstOutputAt = Math.min(...movedFirstOutput.map((o) => o.appendedAt ?? Infinity));
      const since = (at: number | undefined): string => (at === undefined || !Number.isFinite(at) ? 'n/a' : `${at - killedAt} ms`);
      console.log(
        `      failover: killed a process with tasks ${moved.join(',')}; from the kill: offsets read ${readAt - killedAt} ms, ` +
          `moved tasks assigned ${since(assignedAt)}, first moved counting task restored ${since(restoredAt)}, ` +
          `first output of a moved task ${since(firstOutputAt)} (per partition: ${movedFirstOutput.map((o) => `${o.partition}:${since(o.appendedAt)}`).join(', ')}), ` +
          `survivors RUNNING all tasks ${takenOverAt - killedAt} ms, all input committed ${finishedAt - killedAt} ms; ` +
          `${sent.length} lines, reprocessing bound: ${resplitLines} lines to re-split + ${recounted} repartition records to recount`,
      );

      // every word's output lives in one partition (the premise of timing output by partition)
      const partitionOf = new Map<string, number>();
      for (const r of outputRecords) {
        const word = r.key!.toString();
        expect(partitionOf.get(word) ?? r.partition, `the partition of ${word}`).to.equal(r.partition);
        partitionOf.set(word, r.partition);
      }
      for (const o of movedFirstOutput) expect(o.appendedAt, `output of moved task 1_${o.partition} after the kill`).to.not.equal(undefined);

      const overCounted = [...expected].reduce((n, [word, trueCount]) => n + Math.max(0, (outputCounts.get(word) ?? 0) - trueCount), 0);
      console.log(`      failover: counted twice ${overCounted} of ${[...expected.values()].reduce((n, c) => n + c, 0)} words (bound ${[...slack.values()].reduce((n, c) => n + c, 0)})`);
      const sources: [string, Map<string, number>][] = [['output', outputCounts], ['changelog', changelogCounts]];
      if (storeCounts === undefined) console.log('      failover: no KafkaStreams#store() in this build: the stores are checked through their changelog only');
      else sources.push(['store query', storeCounts]);
      for (const [source, counts] of sources) {
        expect([...counts.keys()].sort(), `the words of the ${source}`).to.deep.equal([...expected.keys()].sort());
        for (const [word, trueCount] of expected) {
          const seen = counts.get(word)!;
          // no loss
          expect(seen, `${source} count of ${word}`).to.be.at.least(trueCount);
          // over-counting only from the killed process's work after its last commit
          expect(seen, `${source} count of ${word} (true ${trueCount}, reprocessing bound ${slack.get(word) ?? 0})`).to.be.at.most(trueCount + (slack.get(word) ?? 0));
        }
      }
      for (const survivor of survivors) expect(survivor.events.filter((e) => e.event === 'error' || e.event === 'log-error'), 'errors of a survivor').to.deep.equal([]);
      for (const survivor of survivors) expect(await survivor.stop()).to.equal(0);
    } finally {
      flowing = false;
      await flow.catch(() => undefined);
    }
  });
});
