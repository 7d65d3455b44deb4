// Small hand-built topologies for the worker tests.
import { StreamsConfig } from '../../../../src/config';
import type { Processor } from '../../../../src/core/processor/processor';
import type { ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import { Topology } from '../../../../src/core/topology/topology';

export const silent = { warn: (): void => undefined, error: (): void => undefined };

const strings = { keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() };

export const str = (s: string): Buffer => Buffer.from(s, 'utf8');
export const long = (n: number): Buffer => Serdes.Long().serializer().serialize('t', n)!;
export const readLong = (b: Buffer | null): number | null => Serdes.Long().deserializer().deserialize('t', b);

export function config(stateDir: string, extra: { [key: string]: unknown } = {}): StreamsConfig {
  return new StreamsConfig({ 'application.id': 'app', 'bootstrap.servers': 'localhost:9092', 'state.dir': stateDir, ...extra });
}

export interface UpperOptions {
  /** Waits this long per record before forwarding (an asynchronous processor). */
  readonly delayMs?: number;
  /** Records processed, in order, by any task of the topology. */
  readonly seen?: string[];
}

/** in → upper-cases the value (fails on 'boom') → out. */
export function upperTopology(options: UpperOptions = {}): Topology {
  return new Topology()
    .addSource({ name: 'in', topics: ['in'], ...strings })
    .addProcessor<string, string, string, string>(
      'upper',
      () => {
        let ctx: ProcessorContext<string, string>;
        return {
          init: (c) => void (ctx = c),
          process: (r) => {
            if (r.value === 'boom') throw new Error('the value was boom');
            options.seen?.push(`${ctx.taskId().toString()}:${r.value}`);
            if (options.delayMs === undefined) return ctx.forward(r.withValue(r.value.toUpperCase()));
            return new Promise<void>((resolve) => setTimeout(resolve, options.delayMs)).then(() => ctx.forward(r.withValue(r.value.toUpperCase())));
          },
        };
      },
      'in',
    )
    .addSink({ name: 'out', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.String().serializer(), parentNames: ['upper'] });
}

class Counter implements Processor<string, string, string, number> {
  private ctx!: ProcessorContext<string, number>;
  private store!: KeyValueStore<string, number>;

  init(ctx: ProcessorContext<string, number>): void {
    this.ctx = ctx;
    this.store = ctx.getStateStore<KeyValueStore<string, number>>('counts');
  }

  process(record: Record<string, string>): void {
    const count = (this.store.get(record.key) ?? 0) + 1;
    this.store.put(record.key, count);
    this.ctx.forward(record.withValue(count));
  }
}

/** in → counts per key in a LevelDB store 'counts' (change-logged; cached when asked) → out. */
export function countTopology(options: { caching?: boolean } = {}): Topology {
  const store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('counts'), Serdes.String(), Serdes.Long());
  if (options.caching) store.withCachingEnabled();
  return new Topology()
    .addSource({ name: 'in', topics: ['in'], ...strings })
    .addProcessor('count', () => new Counter(), 'in')
    .addStateStore(store, 'count')
    .addSink({ name: 'out', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['count'] });
}
