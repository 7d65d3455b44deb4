// The shape of a conformance vector (test/conformance/README.md), and reading them from disk.
import fs from 'node:fs';
import path from 'node:path';

/** A key or value as bytes (what must match) and as JavaScript sees it (for reading diffs). */
export interface EncodedBytes {
  readonly hex: string;
  readonly decoded?: unknown;
}

export interface VectorHeader {
  readonly key: string;
  readonly valueHex: string | null;
}

export type SerdeName = 'String' | 'Integer' | 'Short' | 'Long' | 'Float' | 'Double' | 'Boolean' | 'ByteArray';

export interface VectorTopic {
  readonly topic: string;
  readonly keySerde: SerdeName;
  readonly valueSerde: SerdeName;
}

export type VectorInput =
  | {
      readonly op: 'pipe';
      readonly topic: string;
      readonly key: EncodedBytes | null;
      readonly value: EncodedBytes | null;
      readonly timestamp: number;
      readonly headers: readonly VectorHeader[];
    }
  | { readonly op: 'advanceWallClock'; readonly ms: number };

export interface VectorOutput {
  readonly afterInput: number;
  readonly topic: string;
  readonly key: EncodedBytes | null;
  readonly value: EncodedBytes | null;
  readonly timestamp: number;
  readonly headers: readonly VectorHeader[];
}

export interface VectorStoreEntry {
  readonly key: EncodedBytes | null;
  readonly value: EncodedBytes | null;
  readonly timestamp?: number;
}

export interface VectorStore {
  readonly type: 'keyValue' | 'timestampedKeyValue';
  readonly keySerde: SerdeName | null;
  readonly valueSerde: SerdeName | null;
  readonly entries: readonly VectorStoreEntry[];
}

export interface PrintedLine {
  readonly afterInput: number;
  readonly line: string;
}

/** What one driver run gave: the vector's `runs.cacheOff` / `runs.cacheOn`. */
export interface VectorRun {
  readonly outputs: readonly VectorOutput[];
  readonly stores: Readonly<{ [store: string]: VectorStore }>;
  readonly producedTopicNames: readonly string[];
  readonly droppedRecords: number;
  readonly printed?: readonly PrintedLine[];
}

export type CacheRun = 'cacheOff' | 'cacheOn';

export interface Vector {
  readonly scenario: string;
  readonly description: string;
  readonly javaSource: string;
  readonly applicationId: string;
  readonly initialWallClockMs: number;
  readonly config: Readonly<{ [key: string]: string }>;
  readonly cacheMaxBytes: Readonly<{ [run in CacheRun]: number }>;
  readonly describe: string;
  readonly inputTopics: readonly VectorTopic[];
  readonly outputTopics: readonly VectorTopic[];
  readonly inputs: readonly VectorInput[];
  readonly cachingInvariant: boolean;
  readonly runs: { readonly cacheOff: VectorRun; readonly cacheOn?: VectorRun };
}

export const VECTORS_DIR = path.join(__dirname, 'vectors');
export const SCENARIOS_DIR = path.join(__dirname, 'scenarios');

/** Every vector, by file name order. */
export function loadVectors(): Vector[] {
  return fs
    .readdirSync(VECTORS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, f), 'utf8')) as Vector);
}

/** The scenario names that have a TypeScript twin. */
export function twinNames(): string[] {
  if (!fs.existsSync(SCENARIOS_DIR)) return [];
  return fs
    .readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

/** What a run is expected to give: its own run, or cacheOff's when caching changes nothing. */
export function expectedRun(vector: Vector, run: CacheRun): VectorRun {
  if (run === 'cacheOn' && vector.runs.cacheOn) return vector.runs.cacheOn;
  if (run === 'cacheOn' && !vector.cachingInvariant) throw new Error(`vector ${vector.scenario} has no cacheOn run but is not caching-invariant`);
  return vector.runs.cacheOff;
}
