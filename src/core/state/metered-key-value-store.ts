// The outermost layer (Java's MeteredKeyValueStore): the typed store processors get from
// `context.getStateStore(name)`. It serializes keys and values with the store's serdes (or the
// task's default serdes when the builder had none), times operations through the runtime's
// sensor, and keeps count of open iterators so that closing the store can close and report the
// ones a processor forgot. putIfAbsent, putAll and delete are built here from get and put, so the
// layers below only implement the small KeyValueBytesStore.
import { performance } from 'node:perf_hooks';
import { ConfigError, SerdeError, StreamsError } from '../../errors';
import type { KeyValue } from '../key-value';
import { IntegerSerializer } from '../serde/integer-serde';
import { LongSerializer } from '../serde/long-serde';
import type { Deserializer, Serde, Serializer } from '../serde/serde';
import { ShortSerializer } from '../serde/short-serde';
import { StringSerializer } from '../serde/string-serde';
import { isCachedStateStore, type CacheFlushListener, type CachedStateStore } from './cache-flush-listener';
import { CachingKeyValueStore } from './caching-key-value-store';
import type { KeyValueBytesStore } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import type { KeyValueStore } from './key-value-store';
import { PeekingKeyValueIterator } from './peeking-key-value-iterator';
import type { StateStore, StateStoreContext } from './state-store';
import type { StoreOperation, StoreSensor } from './store-sensor';
import { valueMemoCodec, type ValueMemoCodec } from './value-memo';

interface PreparedSerdes<K, V> {
  /** The topic the serdes are called with: the changelog's, as in Java, even when logging is off. */
  readonly topic: string;
  readonly keySerializer: Serializer<K>;
  readonly keyDeserializer: Deserializer<K>;
  readonly valueSerializer: Serializer<V>;
  readonly valueDeserializer: Deserializer<V>;
}

export class MeteredKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
  private serdes: PreparedSerdes<K, V> | null = null;
  private sensor: StoreSensor | undefined = undefined;
  private readonly openIterators = new Set<PeekingKeyValueIterator<K, V>>();
  /** Whether the key serializer is a built-in one, whose bytes for a string or number depend on nothing else (see keyBytes). */
  private reusesKeyBytes = false;
  private lastKey: K | null = null;
  /** The bytes of `lastKey`; they are never written to, by us or the layers below. */
  private lastKeyBytes: Buffer | null = null;
  /** The caching layer right below, when the value serde is a built-in one for primitives (see value-memo.ts). */
  private memoStore: CachingKeyValueStore | null = null;
  private memoCodec: ValueMemoCodec | null = null;
  /** The caching layer right below, when the key serializer is exactly the built-in String one (see cachedMapKey). */
  private stringKeyCache: CachingKeyValueStore | null = null;

  constructor(
    protected readonly wrapped: KeyValueBytesStore,
    private readonly metricsScope: string,
    private readonly keySerde: Serde<K> | null,
    private readonly valueSerde: Serde<V> | null,
  ) {}

  name(): string {
    return this.wrapped.name();
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    const name = this.name();
    const keySerde = this.keySerde ?? (context.keySerde() as Serde<K> | null);
    const valueSerde = this.prepareValueSerde(this.valueSerde, context);
    if (keySerde === null) throw missingSerde('key', name, context);
    if (valueSerde === null) throw missingSerde('value', name, context);
    this.serdes = {
      topic: context.changelogFor(name) ?? `${context.applicationId()}-${name}-changelog`,
      keySerializer: keySerde.serializer(),
      keyDeserializer: keySerde.deserializer(),
      valueSerializer: valueSerde.serializer(),
      valueDeserializer: valueSerde.deserializer(),
    };
    this.reusesKeyBytes = isPureKeySerializer(this.serdes.keySerializer);
    this.lastKey = null;
    this.lastKeyBytes = null;
    this.memoCodec =
      this.wrapped instanceof CachingKeyValueStore
        ? valueMemoCodec(this.serdes.valueSerializer as Serializer<unknown>, this.serdes.valueDeserializer as Deserializer<unknown>, this.serdes.topic)
        : null;
    this.memoStore = this.memoCodec === null ? null : (this.wrapped as CachingKeyValueStore);
    this.stringKeyCache = this.wrapped instanceof CachingKeyValueStore && this.serdes.keySerializer.constructor === StringSerializer ? this.wrapped : null;
    this.sensor = context.storeSensor?.(name, this.metricsScope);
    return this.wrapped.init(context, root);
  }

  /** The value serde to use: the builder's, else the task's default (the timestamped store wraps it). */
  protected prepareValueSerde(valueSerde: Serde<V> | null, context: StateStoreContext): Serde<V> | null {
    return valueSerde ?? (context.valueSerde() as Serde<V> | null);
  }

  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): boolean {
    const wrapped = this.wrapped;
    if (!isCachedStateStore<Buffer, Buffer>(wrapped)) return false;
    return wrapped.setFlushListener(
      (key, newValue, oldValue, timestamp, recordContext) =>
        listener(this.keyFrom(key) as K, this.valueFrom(newValue), this.valueFrom(oldValue), timestamp, recordContext),
      sendOldValues,
    );
  }

  // get and put are the hot path: without a sensor they call straight through, with no closure.
  get(key: K): V | null {
    // The key's bytes first (a bad key throws before anything else), unless the cache may not need them.
    const mapKey = this.stringKeyCache === null ? null : cachedMapKey(key);
    const keyBytes = mapKey === null ? this.keyBytes(key) : null;
    if (this.sensor === undefined) return this.read(key, mapKey, keyBytes);
    return this.measure('get', () => this.read(key, mapKey, keyBytes));
  }

  put(key: K, value: V | null): void {
    const mapKey = this.stringKeyCache === null ? null : cachedMapKey(key);
    const keyBytes = mapKey === null ? this.keyBytes(key) : null;
    if (this.sensor === undefined) this.write(key, mapKey, keyBytes, value);
    else this.measure('put', () => this.write(key, mapKey, keyBytes, value));
  }

  /**
   * get's value: a cached memo as it is (what deserializing its bytes would return), else deserialized.
   * `mapKey`: the cache's map key of `key` when known without its bytes (see cachedMapKey); `keyBytes`
   * otherwise.
   */
  private read(key: K, mapKey: string | null, keyBytes: Buffer | null): V | null {
    if (mapKey !== null) {
      const found = this.stringKeyCache!.getMemoizedIfCached(mapKey, this.memoCodec);
      if (found !== undefined) return typeof found === 'object' ? this.valueFrom(found) : (found as V);
    }
    const bytes = keyBytes ?? this.keyBytes(key);
    const memoStore = this.memoStore;
    if (memoStore === null) return this.valueFrom(this.wrapped.get(bytes));
    const found = memoStore.getMemoized(bytes, this.memoCodec!);
    return typeof found === 'object' ? this.valueFrom(found) : (found as V);
  }

  /** put's write: a primitive the built-in serializer accepts goes to the cache as a memo, serialized later. */
  private write(key: K, mapKey: string | null, keyBytes: Buffer | null, value: V | null): void {
    const codec = this.memoCodec;
    const memo = codec === null ? undefined : codec.memoOf(value);
    const valueBytes = memo === undefined ? this.valueBytes(value) : null;
    if (mapKey !== null && this.stringKeyCache!.putIfCached(mapKey, valueBytes, memo, codec)) return;
    const bytes = keyBytes ?? this.keyBytes(key);
    if (memo !== undefined) this.memoStore!.putMemo(bytes, memo, codec!);
    else this.wrapped.put(bytes, valueBytes);
  }

  putIfAbsent(key: K, value: V | null): V | null {
    const keyBytes = this.keyBytes(key);
    return this.measure('put-if-absent', () => {
      const current = this.wrapped.get(keyBytes);
      if (current === null) this.wrapped.put(keyBytes, this.valueBytes(value));
      return this.valueFrom(current);
    });
  }

  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    const keyBytes = entries.map((entry) => this.keyBytes(entry.key)); // every key is checked before anything is written
    this.measure('put-all', () => {
      for (let i = 0; i < entries.length; i++) this.wrapped.put(keyBytes[i], this.valueBytes(entries[i].value));
    });
  }

  delete(key: K): V | null {
    const keyBytes = this.keyBytes(key);
    return this.measure('delete', () => {
      const old = this.wrapped.get(keyBytes);
      this.wrapped.put(keyBytes, null);
      return this.valueFrom(old);
    });
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.track('range', this.wrapped.range(this.boundBytes(from), this.boundBytes(to), 'ascending'));
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.track('range', this.wrapped.range(this.boundBytes(from), this.boundBytes(to), 'descending'));
  }

  all(): KeyValueIterator<K, V> {
    return this.track('all', this.wrapped.range(null, null, 'ascending'));
  }

  reverseAll(): KeyValueIterator<K, V> {
    return this.track('all', this.wrapped.range(null, null, 'descending'));
  }

  prefixScan<P>(prefix: P, prefixKeySerializer: Serializer<P>): KeyValueIterator<K, V> {
    if (prefix === null || prefix === undefined) throw nullArgument('prefix', this.name());
    const prefixBytes = prefixKeySerializer.serialize(this.prepared().topic, prefix);
    if (prefixBytes === null) {
      throw new SerdeError(`The prefix serializer of a prefixScan on store ${this.name()} returned null for a non-null prefix.`, {
        context: { store: this.name() },
      });
    }
    return this.track('prefix-scan', this.wrapped.prefixScan(prefixBytes));
  }

  approximateNumEntries(): number {
    return this.wrapped.approximateNumEntries();
  }

  async flush(): Promise<void> {
    const start = this.sensor === undefined ? 0 : performance.now();
    await this.wrapped.flush();
    this.sensor?.recordLatency('flush', performance.now() - start);
  }

  /** Closes the iterators still open (reporting how many to the sensor), then the layers below. */
  async close(): Promise<void> {
    const unclosed = [...this.openIterators];
    try {
      await Promise.all(unclosed.map((iterator) => iterator.close()));
      if (unclosed.length > 0) this.sensor?.recordUnclosedIterators(unclosed.length);
    } finally {
      await this.wrapped.close();
    }
  }

  persistent(): boolean {
    return this.wrapped.persistent();
  }

  isOpen(): boolean {
    return this.wrapped.isOpen();
  }

  /** Iterators opened on this store and not yet closed (Java's num-open-iterators metric). */
  numOpenIterators(): number {
    return this.openIterators.size;
  }

  private track(operation: StoreOperation, inner: KeyValueIterator<Buffer, Buffer>): KeyValueIterator<K, V> {
    const startMs = this.sensor === undefined ? 0 : performance.now();
    const iterator: MeteredKeyValueIterator<K, V> = new MeteredKeyValueIterator(
      this.name(),
      inner,
      (entry) => ({ key: this.keyFrom(entry.key) as K, value: this.valueFrom(entry.value) as V }),
      () => {
        this.openIterators.delete(iterator);
        this.sensor?.recordLatency(operation, performance.now() - startMs);
      },
    );
    this.openIterators.add(iterator);
    return iterator;
  }

  private measure<T>(operation: StoreOperation, run: () => T): T {
    const sensor = this.sensor;
    if (sensor === undefined) return run();
    const start = performance.now();
    try {
      return run();
    } finally {
      sensor.recordLatency(operation, performance.now() - start);
    }
  }

  private keyBytes(key: K): Buffer {
    // A get and the put that follows it are usually for the same key: a string or number key that
    // a built-in serializer turned into bytes a moment ago is not serialized again.
    if (key === this.lastKey && this.lastKeyBytes !== null) return this.lastKeyBytes;
    if (key === null || key === undefined) throw nullArgument('key', this.name());
    const serdes = this.prepared();
    const bytes = serdes.keySerializer.serialize(serdes.topic, key);
    if (bytes === null) {
      throw new SerdeError(`The key serializer of store ${this.name()} returned null for a non-null key.`, { context: { store: this.name() } });
    }
    if (this.reusesKeyBytes && (typeof key === 'string' || typeof key === 'number')) {
      this.lastKey = key;
      this.lastKeyBytes = bytes;
    }
    return bytes;
  }

  private boundBytes(key: K | null): Buffer | null {
    return key === null || key === undefined ? null : this.keyBytes(key);
  }

  private valueBytes(value: V | null): Buffer | null {
    const serdes = this.prepared();
    // Called for null too, as Java does: a serializer may have its own idea of null.
    return serdes.valueSerializer.serialize(serdes.topic, value ?? null);
  }

  private keyFrom(bytes: Buffer): K | null {
    const serdes = this.prepared();
    return serdes.keyDeserializer.deserialize(serdes.topic, bytes);
  }

  private valueFrom(bytes: Buffer | null): V | null {
    if (bytes === null) return null;
    const serdes = this.prepared();
    return serdes.valueDeserializer.deserialize(serdes.topic, bytes);
  }

  private prepared(): PreparedSerdes<K, V> {
    if (this.serdes === null) {
      throw new StreamsError(`Store ${this.name()} was used before init(): the task must init its stores before processors use them.`, {
        code: 'STATE_STORE_NOT_INITIALIZED',
        context: { store: this.name() },
      });
    }
    return this.serdes;
  }
}

/** Maps the bytes iterator's entries to typed ones and tells the store when it closes. */
class MeteredKeyValueIterator<K, V> extends PeekingKeyValueIterator<K, V> {
  constructor(
    storeName: string,
    private readonly inner: KeyValueIterator<Buffer, Buffer>,
    private readonly typed: (entry: KeyValue<Buffer, Buffer>) => KeyValue<K, V>,
    private readonly onClose: () => void,
  ) {
    super(storeName);
  }

  protected async fetch(): Promise<KeyValue<K, V> | null> {
    const result = await this.inner.next();
    return result.done ? null : this.typed(result.value);
  }

  protected override async release(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      this.onClose();
    }
  }
}

/** Longer keys are not checked: a string of the bytes costs about as much as the check. */
const CACHED_MAP_KEY_MAX_CHARS = 64;

/**
 * The record cache's map key (the latin1 string of the key's bytes) of a key the built-in String
 * serializer writes, when it can be had without the bytes: an ASCII string's UTF-8 bytes are its
 * character codes, so its latin1 string is itself. Null for anything else.
 */
function cachedMapKey(key: unknown): string | null {
  if (typeof key !== 'string' || key.length > CACHED_MAP_KEY_MAX_CHARS) return null;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0x7f) return null;
  return key;
}

/**
 * The built-in serializers whose bytes depend only on the key, with the same bytes for keys that
 * are === (0 and -0 included: they write both as 0), and so the same bytes each time. A user's serializer is called for every
 * operation, as Java calls it: it may count, log or depend on state.
 */
function isPureKeySerializer(serializer: Serializer<unknown>): boolean {
  const type: unknown = serializer.constructor; // exactly these classes: a subclass may override serialize
  return type === StringSerializer || type === LongSerializer || type === IntegerSerializer || type === ShortSerializer;
}

function missingSerde(which: 'key' | 'value', storeName: string, context: StateStoreContext): ConfigError {
  return new ConfigError(
    `Failed to initialize ${which} serdes for store ${storeName}: it was built without a ${which} serde and ` +
      `default.${which}.serde is not set. Give the store a ${which} serde or set default.${which}.serde.`,
    { context: { store: storeName, taskId: context.taskId().toString(), configKey: `default.${which}.serde` } },
  );
}

function nullArgument(what: 'key' | 'prefix', storeName: string): StreamsError {
  return new StreamsError(`${what} cannot be null (store ${storeName})`, { code: 'STATE_STORE_NULL_KEY', context: { store: storeName } });
}
