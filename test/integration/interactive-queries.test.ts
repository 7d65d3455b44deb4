// Interactive queries against the real broker: two processes (the compiled package, a count per
// key on the worker pool), each with its own application.server, answering queries over HTTP
// (support/query-child.js). The metadata must name the process that really holds a key.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import { closeBrokerClients, type BrokerClients, consumeUntil, openBrokerClients, TestTopics, uniqueName, waitUntil } from './support/kafka';
import { lastCounts } from './support/word-counts';

const repoRoot = path.resolve(__dirname, '..', '..');
const countModule = path.join(repoRoot, 'test', 'integration', 'support', 'topologies', 'count-by-key.js');
const quick = { 'commit.interval.ms': 100, 'consumer.heartbeatInterval': 300, 'consumer.sessionTimeout': 10000, 'consumer.maxWaitTimeInMs': 100 } as const;

interface Event {
  readonly event: string;
  readonly [field: string]: unknown;
}

/** A query-child.js process and the HTTP endpoint it serves on its application.server port. */
class QueryProcess {
  readonly events: Event[] = [];
  private readonly child: ChildProcess;
  private stderr = '';
  private readonly exited: Promise<number | null>;

  constructor(
    readonly port: number,
    config: Record<string, unknown>,
    env: Record<string, string>,
  ) {
    const args = JSON.stringify({ topologyModule: countModule, config: { ...config, 'application.server': `localhost:${port}` }, env });
    this.child = spawn(process.execPath, [path.join(__dirname, 'support', 'query-child.js'), args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') this.events.push(JSON.parse(line) as Event);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
  }

  get host(): string {
    return `localhost:${this.port}`;
  }

  async ask<T>(route: string, params: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`http://127.0.0.1:${this.port}${route}?${new URLSearchParams(params).toString()}`);
    return (await response.json()) as T;
  }

  async state(): Promise<{ state: string; tasks: string[] }> {
    return this.ask('/state');
  }

  log(): string {
    return `${this.events.map((e) => JSON.stringify(e)).join('\n')}\nstderr: ${this.stderr.slice(-2000)}`;
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('interactive queries (real broker, two processes)', function () {
  this.timeout(90_000);
  let kafka: Kafka;
  let topics: TestTopics;
  let producer: Producer;
  const stateDirs: string[] = [];
  const children: QueryProcess[] = [];

  let clients: BrokerClients | undefined;
  before(async () => {
    clients = await openBrokerClients('kstreams-iq-it');
    ({ kafka, topics, producer } = clients);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') children.forEach((c, i) => console.log(`--- events of child process ${i} (${c.host}) ---\n${c.log()}`));
    await Promise.all(children.splice(0).map((c) => c.kill()));
  });

  after(() => closeBrokerClients(clients, stateDirs));

  /** Two query processes of a new count application over 4-partition input; both listening. */
  async function startPair(name: string, settings: Record<string, unknown>): Promise<{ input: string; output: string; a: QueryProcess; b: QueryProcess }> {
    const input = await topics.create(`${name}-in`, { numPartitions: 4 });
    const output = await topics.create(`${name}-out`);
    const applicationId = uniqueName(`${name}-app`);
    topics.track(`${applicationId}-counts-store-changelog`);
    const config = (): Record<string, unknown> => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kstreams-iq-'));
      stateDirs.push(dir);
      return { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': dir, ...quick, ...settings };
    };
    const env = { KSTREAMS_IT_COUNT_INPUT: input, KSTREAMS_IT_COUNT_OUTPUT: output };
    const a = new QueryProcess(await freePort(), config(), env);
    children.push(a);
    const b = new QueryProcess(await freePort(), config(), env);
    children.push(b);
    await waitUntil(() => [a, b].every((p) => p.events.some((e) => e.event === 'listening')), 'both processes listening');
    return { input, output, a, b };
  }

  /** Sends the words keyed by themselves (murmur2 puts each where queryMetadataForKey must find it) and waits for their counts in the output. */
  async function countKeyedWords(input: string, output: string, words: readonly string[]): Promise<Map<string, number>> {
    await producer.send({ topic: input, messages: words.map((word) => ({ key: word, value: 'x' })) });
    const expected = new Map<string, number>();
    for (const word of words) expected.set(word, (expected.get(word) ?? 0) + 1);
    await consumeUntil(kafka, [output], (records) => {
      const seen = lastCounts(records);
      return [...expected].every(([w, n]) => seen.get(w) === n);
    });
    return expected;
  }

  it('names the process that holds a key, whose local store has it while the other has not', async () => {
    const { input, output, a, b } = await startPair('iq', { 'num.stream.threads': 2 });

    // store() before start(): StreamsNotStartedError (Java's StreamsNotStartedException)
    for (const p of [a, b]) expect(p.events.find((e) => e.event === 'before-start')).to.deep.include({ error: 'StreamsNotStartedError' });

    // both RUNNING with the 4 tasks split between them, and both see the same two hosts
    await waitUntil(
      async () => {
        const [sa, sb] = await Promise.all([a.state(), b.state()]);
        if (sa.state !== 'RUNNING' || sb.state !== 'RUNNING' || sa.tasks.length === 0 || sb.tasks.length === 0) return false;
        if (new Set([...sa.tasks, ...sb.tasks]).size !== 4 || sa.tasks.length + sb.tasks.length !== 4) return false;
        const clients = await a.ask<{ host: string; stores: string[] }[]>('/clients');
        return clients.length === 2 && clients.every((c) => c.stores.includes('counts-store'));
      },
      'two RUNNING processes sharing the tasks',
      60_000,
      200,
    );
    const clients = await b.ask<{ host: string; stores: string[]; partitions: string[] }[]>('/clients');
    expect(clients.map((c) => c.host).sort()).to.deep.equal([a.host, b.host].sort());

    const lines = ['alpha beta gamma delta', 'epsilon zeta eta theta', 'iota kappa lambda mu', 'alpha beta alpha', 'nu xi omicron pi rho'];
    const expected = await countKeyedWords(input, output, lines.join(' ').split(' '));

    const byHost = new Map([a, b].map((p) => [p.host, p]));
    const held = new Map<string, number>([[a.host, 0], [b.host, 0]]);
    for (const [word, count] of expected) {
      const fromA = await a.ask<{ activeHost: string; partition: number }>('/metadata', { store: 'counts-store', key: word });
      const fromB = await b.ask<{ activeHost: string; partition: number }>('/metadata', { store: 'counts-store', key: word });
      expect(fromB, word).to.deep.equal(fromA);
      const holder = byHost.get(fromA.activeHost);
      expect(holder, `${word}: active host ${fromA.activeHost}`).to.not.equal(undefined);
      const other = holder === a ? b : a;
      // the output was produced after the store was written; wait a little anyway, for a slow commit
      let local: { value: number | null } = { value: null };
      await waitUntil(async () => (local = await holder!.ask<{ value: number | null }>('/get', { store: 'counts-store', key: word })).value === count, `${word} = ${count} on ${holder!.host}`, 10_000, 100);
      expect(local, word).to.deep.equal({ value: count });
      expect(await other.ask('/get', { store: 'counts-store', key: word }), `${word} on the other process`).to.deep.equal({ value: null });
      held.set(holder!.host, held.get(holder!.host)! + 1);
    }
    // both processes held some of the words
    expect([...held.values()].every((n) => n > 0), JSON.stringify([...held])).to.equal(true);

    // all() of each process: its own words, together every word once
    const [allA, allB] = await Promise.all([a, b].map((p) => p.ask<{ entries: [string, number][]; count: number }>('/all', { store: 'counts-store' })));
    expect(allA.entries.length + allB.entries.length).to.equal(expected.size);
    expect(new Map([...allA.entries, ...allB.entries])).to.deep.equal(expected);
    expect([allA.count, allB.count]).to.deep.equal([allA.entries.length, allB.entries.length]);

    // a store the topology does not have
    expect(await a.ask('/get', { store: 'nope', key: 'alpha' })).to.deep.include({ error: 'UnknownStateStoreError' });
    expect(await a.ask('/metadata', { store: 'nope', key: 'alpha' })).to.deep.include({ error: 'UnknownStateStoreError' });
  });

  it('names the standby host of a key, whose standby store answers a stale query and only a stale one', async () => {
    const { input, output, a, b } = await startPair('iqsb', { 'num.stream.threads': 1, 'num.standby.replicas': 1 });
    await waitUntil(
      async () => {
        const [sa, sb] = await Promise.all([a.state(), b.state()]);
        return sa.state === 'RUNNING' && sb.state === 'RUNNING' && sa.tasks.length > 0 && sb.tasks.length > 0 && sa.tasks.length + sb.tasks.length === 4;
      },
      'two RUNNING processes sharing the tasks',
      60_000,
      200,
    );
    const expected = await countKeyedWords(input, output, ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'alpha', 'beta', 'alpha']);

    const byHost = new Map([a, b].map((p) => [p.host, p]));
    for (const [word, count] of expected) {
      const metadata = await a.ask<{ activeHost: string; standbyHosts: string[]; partition: number }>('/metadata', { store: 'counts-store', key: word });
      const active = byHost.get(metadata.activeHost)!;
      const standby = active === a ? b : a;
      expect(metadata.standbyHosts, `${word}: the standby host`).to.deep.equal([standby.host]);
      expect(await b.ask('/metadata', { store: 'counts-store', key: word }), `${word}: both processes agree`).to.deep.equal(metadata);
      // the standby applies the changelog the active wrote: a stale query there catches up with the count
      await waitUntil(async () => (await standby.ask<{ value: number | null }>('/get', { store: 'counts-store', key: word, stale: 'true' })).value === count, `${word} = ${count} in the standby on ${standby.host}`, 10_000, 100);
      expect(await standby.ask('/get', { store: 'counts-store', key: word }), `${word}: a plain query does not read the standby`).to.deep.equal({ value: null });
      expect(await active.ask('/get', { store: 'counts-store', key: word })).to.deep.equal({ value: count });
    }
  });
});
