// Runs a twin on our TopologyTestDriver the way DriverRun.java runs the Java scenario on Java's, and
// captures the run in the vector's shape: outputs drained after every input op in the vector's topic
// order, the stores' contents, the produced topics, the dropped records and the printed lines.
import {
  RecordHeaders,
  Serdes,
  TestRecord,
  TopologyTestDriver,
  ValueAndTimestamp,
  type KeyValueStore,
  type Serde,
  type StateStore,
  type TestOutputTopic,
  type Topology,
} from '../../src/index';
// the runner (not the twins) may look inside: for the type of an empty store, and for the repartition filters
import { MeteredTimestampedKeyValueStore } from '../../src/core/state/metered-timestamped-key-value-store';
import { internalTopologyBuilder } from '../../src/core/topology/topology';
import type { ConformanceTwin } from './twin';
import type { CacheRun, EncodedBytes, PrintedLine, SerdeName, Vector, VectorHeader, VectorOutput, VectorRun, VectorStore, VectorStoreEntry } from './vector';

const SERDES: Readonly<Record<SerdeName, () => Serde<unknown>>> = {
  String: Serdes.String,
  Integer: Serdes.Integer,
  Short: Serdes.Short,
  Long: Serdes.Long,
  Float: Serdes.Float,
  Double: Serdes.Double,
  Boolean: Serdes.Boolean,
  ByteArray: Serdes.ByteArray,
};

export function serdeNamed(name: SerdeName): Serde<unknown> {
  const serde = SERDES[name];
  if (!serde) throw new Error(`unknown serde name ${name}`);
  return serde();
}

/** The decoded view of bytes, as the vector writes it (ByteArray: the hex string again). */
export function decodedView(bytes: Buffer, serde: SerdeName): unknown {
  if (serde === 'ByteArray') return bytes.toString('hex');
  try {
    return serdeNamed(serde).deserializer().deserialize('', bytes);
  } catch (error) {
    return `<not a ${serde}: ${(error as Error).message}>`;
  }
}

function encoded(bytes: Buffer | null, serde: SerdeName): EncodedBytes | null {
  return bytes === null ? null : { hex: bytes.toString('hex'), decoded: decodedView(bytes, serde) };
}

function headersOf(headers: RecordHeaders): VectorHeader[] {
  return headers.toArray().map((h) => ({ key: h.key, valueHex: h.value === null ? null : h.value.toString('hex') }));
}

/** Fresh headers for every pipe, as Java's DriverRun makes: processors may change a record's headers in place. */
function headersFrom(headers: readonly VectorHeader[]): RecordHeaders {
  const result = new RecordHeaders();
  for (const h of headers) result.add(h.key, h.valueHex === null ? null : Buffer.from(h.valueHex, 'hex'));
  return result;
}

/** The driver config of a run: the vector's application id, cache size, extra config and the twin's. */
export function driverConfig(vector: Vector, twin: ConformanceTwin, run: CacheRun): { [key: string]: unknown } {
  return {
    'application.id': vector.applicationId,
    'statestore.cache.max.bytes': vector.cacheMaxBytes[run],
    ...vector.config,
    ...twin.config,
  };
}

/** Captures what KStream#print(Printed.toSysOut()) writes while `body` runs. */
async function capturingStdout(body: () => Promise<void>): Promise<string> {
  const stdout = process.stdout;
  const original = stdout.write;
  let text = '';
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    callback?.();
    return true;
  }) as typeof stdout.write;
  try {
    await body();
  } finally {
    stdout.write = original;
  }
  return text;
}

export interface ActualRun extends VectorRun {
  readonly describe: string;
  /**
   * Records dropped for a null key by the filters in front of repartition topics: kstreams counts
   * them, Java 3.9 does not (docs/decisions.md), so they are left out when comparing with Java.
   */
  readonly droppedAtRepartitionFilters: number;
}

/** The processors that filter null keys in front of a repartition topic (the repartition sinks' parents). */
function repartitionFilterNames(topology: Topology): Set<string> {
  const built = internalTopologyBuilder(topology).build();
  const repartitionTopics = new Set(built.internalTopics.filter((t) => t.kind === 'repartition').map((t) => t.name));
  const nodes = built.subtopologies.flatMap((s) => s.nodes);
  const sinks = new Set(nodes.filter((n) => n.kind === 'sink' && typeof n.topic === 'string' && repartitionTopics.has(n.topic)).map((n) => n.name));
  return new Set(nodes.filter((n) => n.kind === 'processor' && n.successors.some((s) => sinks.has(s))).map((n) => n.name));
}

export async function runTwin(vector: Vector, twin: ConformanceTwin, run: CacheRun): Promise<ActualRun> {
  const config = driverConfig(vector, twin, run);
  const outputs: VectorOutput[] = [];
  const printed: PrintedLine[] = [];
  let driver!: TopologyTestDriver;
  let describe = '';
  let filters = new Set<string>();

  const collect = (afterInput: number, readers: readonly [VectorTopicReader, string][], printedText: string): void => {
    for (const [reader] of readers) {
      while (!reader.output.isEmpty()) {
        const record = reader.output.readRecord();
        outputs.push({
          afterInput,
          topic: reader.topic,
          key: encoded(record.key, reader.keySerde),
          value: encoded(record.value, reader.valueSerde),
          timestamp: record.timestamp ?? Number.NaN,
          headers: headersOf(record.headers),
        });
      }
    }
    for (const line of printedText.split('\n')) if (line.length > 0) printed.push({ afterInput, line });
  };

  // Printed.toSysOut() writes through process.stdout at processing time, so capture around each op
  const buildText = await capturingStdout(async () => {
    const topology = twin.topology(config);
    describe = topology.describe().toString();
    filters = repartitionFilterNames(topology);
    // what the driver logs (skipped records ...) is expected here: keep it out of the test report
    driver = new TopologyTestDriver(topology, config, vector.initialWallClockMs, { logger: { warn: () => undefined, error: () => undefined } });
  });
  try {
    const inputs = new Map(vector.inputTopics.map((t) => [t.topic, driver.createInputTopic(t.topic, Serdes.ByteArray(), Serdes.ByteArray())]));
    const readers: [VectorTopicReader, string][] = vector.outputTopics.map((t) => [
      { topic: t.topic, keySerde: t.keySerde, valueSerde: t.valueSerde, output: driver.createOutputTopic(t.topic, Serdes.ByteArray(), Serdes.ByteArray()) },
      t.topic,
    ]);
    collect(-1, readers, buildText);
    for (const [i, op] of vector.inputs.entries()) {
      const text = await capturingStdout(async () => {
        if (op.op === 'pipe') {
          const input = inputs.get(op.topic);
          if (!input) throw new Error(`vector ${vector.scenario} pipes into ${op.topic}, which is not among its input topics`);
          const key = op.key === null ? null : Buffer.from(op.key.hex, 'hex');
          const value = op.value === null ? null : Buffer.from(op.value.hex, 'hex');
          await input.pipeInput(new TestRecord<Buffer | null, Buffer | null>(key, value, headersFrom(op.headers), op.timestamp));
        } else {
          await driver.advanceWallClockTime(op.ms);
        }
      });
      collect(i, readers, text);
    }
    const stores = await dumpStores(driver, vector, run);
    const dropped = [...driver.droppedRecords().values()].reduce((a, b) => a + b, 0);
    const droppedAtRepartitionFilters = [...driver.droppedRecordsByProcessor()].filter(([name]) => filters.has(name)).reduce((a, [, n]) => a + n, 0);
    return {
      describe,
      droppedAtRepartitionFilters,
      outputs,
      stores,
      producedTopicNames: [...driver.producedTopicNames()].sort(),
      droppedRecords: dropped,
      ...(printed.length > 0 ? { printed } : {}),
    };
  } finally {
    await driver.close();
  }
}

interface VectorTopicReader {
  readonly topic: string;
  readonly keySerde: SerdeName;
  readonly valueSerde: SerdeName;
  readonly output: TestOutputTopic<Buffer, Buffer>;
}

/**
 * The stores the vector names, read back in iteration order. Java reads objects and serializes
 * them with the serde their type implies; a JS number does not say whether it is an Integer or a
 * Long, so entries are serialized with the serdes the vector names (guessed from the value when
 * the vector's store is empty).
 */
async function dumpStores(driver: TopologyTestDriver, vector: Vector, run: CacheRun): Promise<{ [store: string]: VectorStore }> {
  const expected = run === 'cacheOn' && vector.runs.cacheOn ? vector.runs.cacheOn.stores : vector.runs.cacheOff.stores;
  const result: { [store: string]: VectorStore } = {};
  for (const name of Object.keys(expected).sort()) {
    const store = driver.getStateStore<StateStore>(name);
    if (!store) continue;
    const rows: { key: unknown; value: unknown; timestamp: number | null }[] = [];
    let timestamped = false;
    for await (const entry of (store as KeyValueStore<unknown, unknown>).all()) {
      if (entry.value instanceof ValueAndTimestamp) {
        timestamped = true;
        rows.push({ key: entry.key, value: (entry.value as ValueAndTimestamp<unknown>).value, timestamp: (entry.value as ValueAndTimestamp<unknown>).timestamp });
      } else {
        rows.push({ key: entry.key, value: entry.value, timestamp: null });
      }
    }
    const isTimestamped = rows.length > 0 ? timestamped : expected[name].type === 'timestampedKeyValue' && isTimestampedStore(store);
    const keySerde = expected[name].keySerde ?? (rows.length > 0 ? guessSerde(rows[0].key) : null);
    const valueSerde = expected[name].valueSerde ?? (rows.length > 0 ? guessSerde(rows[0].value) : null);
    const entries: VectorStoreEntry[] = rows.map((row) => ({
      key: storeEncoded(row.key, keySerde),
      value: storeEncoded(row.value, valueSerde),
      ...(row.timestamp === null ? {} : { timestamp: row.timestamp }),
    }));
    result[name] = {
      type: isTimestamped ? 'timestampedKeyValue' : 'keyValue',
      keySerde: rows.length > 0 ? keySerde : null,
      valueSerde: rows.length > 0 ? valueSerde : null,
      entries,
    };
  }
  return result;
}

/** An empty store's type cannot be read off its values: ask its outermost layer. */
function isTimestampedStore(store: StateStore): boolean {
  return store instanceof MeteredTimestampedKeyValueStore;
}

function storeEncoded(value: unknown, serde: SerdeName | null): EncodedBytes | null {
  if (value === null || value === undefined) return null;
  if (serde === null) return { hex: '', decoded: value };
  try {
    const bytes = serdeNamed(serde).serializer().serialize('', value);
    return bytes === null ? null : { hex: bytes.toString('hex'), decoded: decodedView(bytes, serde) };
  } catch (error) {
    return { hex: `<${serde} cannot serialize ${JSON.stringify(value)}: ${(error as Error).message}>`, decoded: value };
  }
}

function guessSerde(value: unknown): SerdeName {
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (Buffer.isBuffer(value)) return 'ByteArray';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Long' : 'Double';
  return 'String';
}
