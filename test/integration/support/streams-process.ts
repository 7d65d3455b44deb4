// Runs a kstreams application in a child process (streams-child.js) and follows what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { waitUntil } from './kafka';

export interface ChildEvent {
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface StoreLag {
  readonly currentOffsetPosition: number;
  readonly endOffsetPosition: number;
  readonly offsetLag: number;
}

export class StreamsProcess {
  readonly events: ChildEvent[] = [];
  private readonly child: ChildProcess;
  private stderr = '';
  private exited: Promise<number | null>;
  private queries = 0;

  constructor(topologyModule: string, config: Record<string, unknown>, env: Record<string, string> = {}) {
    const script = path.join(__dirname, 'streams-child.js');
    this.child = spawn(process.execPath, [script, JSON.stringify({ topologyModule, config, env })], { stdio: ['pipe', 'pipe', 'pipe'] });
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          this.events.push(JSON.parse(line) as ChildEvent);
        } catch {
          this.events.push({ event: 'stdout', line });
        }
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // a query written to a child that has died meanwhile must not crash the test process (EPIPE)
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  states(): string[] {
    return this.events.filter((e) => e.event === 'state').map((e) => e.state as string);
  }

  state(): string | undefined {
    return this.states().at(-1);
  }

  async waitFor(predicate: (events: readonly ChildEvent[]) => boolean, what: string, timeoutMs = 20000): Promise<void> {
    await waitUntil(() => {
      if (this.child.exitCode !== null && !predicate(this.events)) throw new Error(`the child exited (${this.child.exitCode}) before ${what}; stderr: ${this.stderr.slice(-2000)}; events: ${JSON.stringify(this.events)}`);
      return predicate(this.events);
    }, what, timeoutMs);
  }

  waitForState(state: string, timeoutMs = 20000): Promise<void> {
    return this.waitFor((events) => events.some((e) => e.event === 'state' && e.state === state), `state ${state}`, timeoutMs);
  }

  /** SIGTERM (graceful close); resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: a crash. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Everything the child reported, one line per event, for a failing test's output. */
  eventLog(): string {
    return this.events.map((e) => (e.event === 'debug' ? `${String(e.at)} ${String(e.message)}` : JSON.stringify(e))).join('\n');
  }

  /**
   * Every entry of the child's local stores named `store` (KafkaStreams#store(), key-value view;
   * `stale`: enableStaleStores, standby replicas included);
   * rejects with the child's error (InvalidStateStoreError while a task restores: retry).
   */
  async queryStore(store: string, timeoutMs = 10000, options: { stale?: boolean } = {}): Promise<[unknown, unknown][]> {
    const id = ++this.queries;
    this.child.stdin!.write(`${JSON.stringify({ id, store, stale: options.stale === true })}\n`);
    const answered = (e: ChildEvent): boolean => (e.event === 'store-entries' || e.event === 'store-failed') && e.id === id;
    await this.waitFor((events) => events.some(answered), `the answer to store query ${id} (${store})`, timeoutMs);
    const answer = this.events.find(answered)!;
    if (answer.event === 'store-failed') throw Object.assign(new Error(String(answer.message)), { name: String(answer.name) });
    return answer.entries as [unknown, unknown][];
  }

  /** KafkaStreams#allLocalStorePartitionLags() of the child (store → partition → lag) and its standby tasks. */
  async storeLags(timeoutMs = 10000): Promise<{ standbys: string[]; lags: Map<string, Map<number, StoreLag>> }> {
    const id = ++this.queries;
    this.child.stdin!.write(`${JSON.stringify({ id, op: 'lags' })}\n`);
    const answered = (e: ChildEvent): boolean => (e.event === 'lags' || e.event === 'lags-failed') && e.id === id;
    await this.waitFor((events) => events.some(answered), `the answer to lags query ${id}`, timeoutMs);
    const answer = this.events.find(answered)!;
    if (answer.event === 'lags-failed') throw Object.assign(new Error(String(answer.message)), { name: String(answer.name) });
    const lags = answer.lags as [string, [number, StoreLag][]][];
    return { standbys: answer.standbys as string[], lags: new Map(lags.map(([store, byPartition]) => [store, new Map(byPartition)])) };
  }

  /** The active tasks the child reported when it last went RUNNING. */
  runningTasks(): string[] {
    return (this.events.filter((e) => e.event === 'state' && e.state === 'RUNNING').at(-1)?.tasks as string[] | undefined) ?? [];
  }

  /** The standby tasks the child reported with its latest state change. */
  standbys(): string[] {
    return (this.events.filter((e) => e.event === 'state').at(-1)?.standbys as string[] | undefined) ?? [];
  }

  restoredRecords(): number {
    return this.events.filter((e) => e.event === 'restored').reduce((n, e) => n + (e.restored as number), 0);
  }
}

/**
 * A suite's afterEach with child processes: after a failed test every child's events are printed
 * (what each process did is the evidence), then all the children are killed and forgotten.
 */
export async function killChildren(test: Mocha.Test | undefined, children: StreamsProcess[]): Promise<void> {
  if (test?.state === 'failed') children.forEach((c, i) => console.log(`--- events of child process ${i} ---\n${c.eventLog()}`));
  await Promise.all(children.splice(0).map((c) => c.kill()));
}
