// Standby replicas and warm-ups on the real broker (issue 8, items 1, 2 and 5), with child processes
// running the word count (sub-topology 0 splits lines into a repartition topic, sub-topology 1
// counts into `counts-store`, whose changelog the replicas read).
//
// - Standby takeover: two processes with num.standby.replicas=1 each hold standbys of the other's
//   counting tasks; one is killed with SIGKILL; the survivor promotes its standbys and restores at
//   most the tail its standbys had not applied, never the whole changelog; the counts are exact.
// - Warm-up: a process joining an application whose state it lacks gets warm-up replicas of the
//   counting tasks and no active counting task until it is caught up; the probing rebalance then
//   moves tasks to it, and their restore is the tail only.
import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { closeBrokerClients, type BrokerClients, consumeUntil, openBrokerClients, TestTopics, uniqueName, waitUntil, type ConsumedRecord } from './support/kafka';
import { killChildren, StreamsProcess, type ChildEvent } from './support/streams-process';
import { countWords, lastCounts } from './support/word-counts';

const repoRoot = path.resolve(__dirname, '..', '..');
const wordCountModule = path.join(repoRoot, 'examples', 'topologies', 'word-count.mjs');
const PARTITIONS = 4;
const VOCABULARY = Array.from({ length: 60 }, (_, i) => `w${i}`);
const SESSION_TIMEOUT_MS = 6000;
const COUNTING_TASKS = [...Array(PARTITIONS).keys()].map((p) => `1_${p}`);
const ALL_TASKS = [...Array(PARTITIONS).keys()].flatMap((p) => [`0_${p}`, `1_${p}`]).sort();

function runningEvents(p: StreamsProcess): ChildEvent[] {
  return p.events.filter((e) => e.event === 'state' && e.state === 'RUNNING');
}

/** Restore ends the child reported for the changelog partitions of `tasks` (counting task 1_p restores partition p), from event index `from` on. */
function restoresOf(p: StreamsProcess, changelog: string, tasks: readonly string[], from = 0): { partition: number; restored: number }[] {
  const partitions = new Set(tasks.map((t) => Number(t.slice(2))));
  return p.events
    .slice(from)
    .filter((e) => e.event === 'restored' && e.topic === changelog && partitions.has(e.partition as number))
    .map((e) => ({ partition: e.partition as number, restored: e.restored as number }));
}

describe('standby replicas and warm-ups (real broker, child processes)', function () {
  this.timeout(180_000);
  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  let producer: Producer;
  const stateDirs: string[] = [];
  const children: StreamsProcess[] = [];
  let clients: BrokerClients | undefined;
  let seed = 11;
  const nextLine = (): string =>
    Array.from({ length: 6 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return VOCABULARY[seed % VOCABULARY.length];
    }).join(' ');

  before(async () => {
    clients = await openBrokerClients('kstreams-standby-it');
    ({ kafka, admin, topics, producer } = clients);
  });

  afterEach(function () {
    return killChildren(this.currentTest, children);
  });

  after(() => closeBrokerClients(clients, stateDirs));

  async function ends(topic: string): Promise<Map<number, number>> {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  }

  async function committedToEnd(groupId: string, topicNames: readonly string[]): Promise<boolean> {
    for (const topic of topicNames) {
      const [end, [fetched]] = await Promise.all([ends(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      const committed = new Map(fetched.partitions.map((p) => [p.partition, Number(p.offset)]));
      if (![...end].every(([p, o]) => committed.get(p) === o)) return false;
    }
    return true;
  }

  async function send(input: string, lines: number, sent: string[]): Promise<void> {
    for (let i = 0; i < lines; i += 100) {
      const messages = Array.from({ length: Math.min(100, lines - i) }, (_, j) => ({ key: `l${i + j}`, value: nextLine(), partition: (i + j) % PARTITIONS }));
      await producer.send({ topic: input, messages });
      sent.push(...messages.map((m) => m.value));
    }
  }

  async function readAll(topic: string): Promise<ConsumedRecord[]> {
    const total = [...(await ends(topic)).values()].reduce((n, o) => n + o, 0);
    return consumeUntil(kafka, [topic], (r) => r.length >= total, {}, 30_000);
  }

  function app(name: string, extra: Record<string, unknown>) {
    const applicationId = uniqueName(name);
    const config = (): Record<string, unknown> => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kstreams-standby-'));
      stateDirs.push(dir);
      return {
        'application.id': applicationId,
        'bootstrap.servers': '127.0.0.1:9092',
        'num.stream.threads': 1,
        'state.dir': dir,
        'commit.interval.ms': 200,
        // every count reaches the changelog: the replicas have something to read
        'statestore.cache.max.bytes': 0,
        'consumer.sessionTimeout': SESSION_TIMEOUT_MS,
        'consumer.heartbeatInterval': 500,
        'consumer.maxWaitTimeInMs': 100,
        ...extra,
      };
    };
    return { applicationId, config, changelog: topics.track(`${applicationId}-counts-store-changelog`), repartition: topics.track(`${applicationId}-counts-store-repartition`) };
  }

  it('a standby takes over a killed process\'s counting tasks restoring at most the tail it had not applied, and the counts stay exact', async () => {
    const input = await topics.create('sb-in', { numPartitions: PARTITIONS });
    const output = await topics.create('sb-out', { numPartitions: PARTITIONS });
    const { applicationId, config, changelog, repartition } = app('sb-app', { 'num.standby.replicas': 1 });
    const env = { WORD_COUNT_INPUT: input, WORD_COUNT_OUTPUT: output };
    const processes = [new StreamsProcess(wordCountModule, config(), env), new StreamsProcess(wordCountModule, config(), env)];
    children.push(...processes);
    await waitUntil(
      () => processes.every((p) => p.state() === 'RUNNING') && processes.flatMap((p) => p.runningTasks()).sort().join() === ALL_TASKS.join() && processes.every((p) => p.runningTasks().some((t) => t.startsWith('1_'))),
      'the two processes to split the tasks, each with counting tasks',
      40_000,
    );
    // every counting task has a standby on the other process
    await waitUntil(async () => {
      const [a, b] = await Promise.all(processes.map((p) => p.storeLags()));
      return [...a.standbys, ...b.standbys].sort().join() === COUNTING_TASKS.join();
    }, 'a standby of every counting task on the process that does not run it', 30_000, 200);
    for (const p of processes) for (const standby of (await p.storeLags()).standbys) expect(p.runningTasks(), 'a standby is never on the active\'s process').to.not.include(standby);

    const sent: string[] = [];
    await send(input, 800, sent);
    await waitUntil(() => committedToEnd(applicationId, [input, repartition]), 'everything processed and committed', 40_000, 200);

    const victim = processes[0];
    const survivor = processes[1];
    const moved = victim.runningTasks().filter((t) => t.startsWith('1_'));
    // the survivor's standbys catch up with the changelog the victim wrote
    await waitUntil(async () => {
      const { lags } = await survivor.storeLags();
      return moved.every((t) => lags.get('counts-store')?.get(Number(t.slice(2)))?.offsetLag === 0);
    }, 'the standbys to apply the whole changelog', 30_000, 200);
    // a stale query reads the standbys too: the survivor holds every count; a plain one only its actives'
    const expectedBefore = countWords(sent);
    const stale = new Map((await survivor.queryStore('counts-store', 10_000, { stale: true })).map(([k, v]) => [String(k), Number(v)]));
    expect(new Map([...stale].sort()), 'stale query over active and standby stores').to.deep.equal(new Map([...expectedBefore].sort()));
    const activeOnly = await survivor.queryStore('counts-store');
    expect(activeOnly.length, 'a plain query reads the active stores only').to.be.within(1, stale.size - 1);
    const { lags: before } = await survivor.storeLags();
    const standbyPositions = new Map(moved.map((t) => [Number(t.slice(2)), before.get('counts-store')!.get(Number(t.slice(2)))!.currentOffsetPosition]));
    const eventsBefore = survivor.events.length;

    await victim.kill();
    const changelogEnds = await ends(changelog);
    await send(input, 200, sent);
    await waitUntil(() => survivor.state() === 'RUNNING' && survivor.runningTasks().join() === ALL_TASKS.join(), 'the survivor to run every task', SESSION_TIMEOUT_MS + 30_000, 100);

    // the promotion restored only what the standbys had not applied: here nothing, and never the whole changelog
    const restores = restoresOf(survivor, changelog, moved, eventsBefore);
    console.log(`      standby takeover: promoted ${moved.join(',')} restoring ${restores.map((r) => `${r.partition}:${r.restored}`).join(', ')} of changelogs ${[...changelogEnds].map(([p, o]) => `${p}:${o}`).join(', ')}`);
    expect(restores.map((r) => r.partition).sort(), 'a restore end for every promoted changelog partition').to.deep.equal(moved.map((t) => Number(t.slice(2))).sort());
    for (const { partition, restored } of restores) {
      const tail = changelogEnds.get(partition)! - standbyPositions.get(partition)!;
      expect(restored, `records restored for changelog partition ${partition} (the whole changelog has ${changelogEnds.get(partition)})`).to.be.at.most(tail);
      expect(changelogEnds.get(partition)!, `changelog partition ${partition} holds counts`).to.be.greaterThan(0);
    }

    await waitUntil(() => committedToEnd(applicationId, [input, repartition]), 'the survivor to process the rest', 40_000, 200);
    // nothing was in flight at the kill: at-least-once counts exactly
    const expected = countWords(sent);
    const counts = lastCounts(await readAll(output));
    expect(new Map([...counts].sort())).to.deep.equal(new Map([...expected].sort()));
    expect(survivor.events.filter((e) => e.event === 'error' || e.event === 'log-error')).to.deep.equal([]);
    expect(await survivor.stop()).to.equal(0);
  });

  it('a process joining without state gets warm-ups, not active counting tasks, until it has caught up; then the probing rebalance moves tasks to it', async () => {
    const input = await topics.create('wu-in', { numPartitions: PARTITIONS });
    const output = await topics.create('wu-out', { numPartitions: PARTITIONS });
    const { applicationId, config, changelog, repartition } = app('wu-app', {
      'acceptable.recovery.lag': 50,
      'max.warmup.replicas': 2,
      'probing.rebalance.interval.ms': 60_000, // the smallest Java allows
    });
    const env = { WORD_COUNT_INPUT: input, WORD_COUNT_OUTPUT: output };
    const first = new StreamsProcess(wordCountModule, config(), env);
    children.push(first);
    await waitUntil(() => first.state() === 'RUNNING' && first.runningTasks().join() === ALL_TASKS.join(), 'the first process to run every task', 30_000);
    const sent: string[] = [];
    await send(input, 600, sent); // 3600 counts: ~900 changelog records per counting task, far over the acceptable lag
    await waitUntil(() => committedToEnd(applicationId, [input, repartition]), 'the first process to count everything', 40_000, 200);

    const joiner = new StreamsProcess(wordCountModule, config(), env);
    children.push(joiner);
    await waitUntil(() => joiner.state() === 'RUNNING' && first.state() === 'RUNNING' && joiner.runningTasks().length > 0, 'the joiner to get tasks', 30_000);
    const joinedWith = joiner.runningTasks();
    const { standbys: warmups } = await joiner.storeLags();
    expect(joinedWith.filter((t) => t.startsWith('1_')), 'active counting tasks of the process without state').to.deep.equal([]);
    expect(warmups.length, 'warm-up replicas on the joiner').to.be.within(1, 2);
    for (const w of warmups) expect(COUNTING_TASKS).to.include(w);
    expect(first.runningTasks(), 'the first process keeps every counting task meanwhile').to.include.members(COUNTING_TASKS);

    // the warm-ups catch up; until the probing rebalance the joiner runs no counting task
    await waitUntil(async () => {
      const { lags } = await joiner.storeLags();
      return warmups.every((t) => (lags.get('counts-store')?.get(Number(t.slice(2)))?.offsetLag ?? Infinity) <= 50);
    }, 'the warm-ups to catch up', 30_000, 200);
    const eventsBefore = joiner.events.length;
    const changelogEnds = await ends(changelog);
    await waitUntil(() => joiner.runningTasks().some((t) => t.startsWith('1_')), 'the probing rebalance to move a counting task to the joiner', 90_000, 250);
    for (const e of runningEvents(joiner)) {
      const counting = (e.tasks as string[]).filter((t) => t.startsWith('1_'));
      for (const t of counting) expect(warmups, `counting task ${t} became active on the joiner only after its warm-up`).to.include(t);
    }
    const promoted = joiner.runningTasks().filter((t) => t.startsWith('1_'));
    const restores = restoresOf(joiner, changelog, promoted, eventsBefore);
    console.log(`      warm-up: joiner started with ${joinedWith.join(',')} and warm-ups ${warmups.join(',')}; promoted ${promoted.join(',')} restoring ${restores.map((r) => `${r.partition}:${r.restored}`).join(', ')} of changelogs ${[...changelogEnds].map(([p, o]) => `${p}:${o}`).join(', ')}`);
    expect(restores.map((r) => r.partition).sort(), 'a restore end for every promoted changelog partition').to.deep.equal(promoted.map((t) => Number(t.slice(2))).sort());
    for (const { partition, restored } of restores) {
      expect(restored, `records restored at the move of counting task 1_${partition} (changelog ${changelogEnds.get(partition)})`).to.be.at.most(50);
    }

    // and the application goes on counting exactly across the moves
    await send(input, 200, sent);
    await waitUntil(() => committedToEnd(applicationId, [input, repartition]), 'both processes to count the rest', 40_000, 200);
    const counts = lastCounts(await readAll(output));
    expect(new Map([...counts].sort())).to.deep.equal(new Map([...countWords(sent)].sort()));
    for (const p of [first, joiner]) expect(p.events.filter((e) => e.event === 'error' || e.event === 'log-error')).to.deep.equal([]);
  });
});
