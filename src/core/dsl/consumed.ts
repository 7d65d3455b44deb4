// Java's Consumed: how a source topic is read — serdes, timestamp extractor, offset reset policy,
// and the source processor's name. Every `with...` returns a new object, as in Java. A serde left
// null falls back to `default.key.serde` / `default.value.serde`; a null extractor to
// `default.timestamp.extractor`; a null reset policy to `auto.offset.reset`.
import { TopologyError } from '../../errors';
import type { Serde } from '../serde/serde';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import type { OffsetResetPolicy } from '../topology/topology-model';

export class Consumed<K, V> {
  private constructor(
    /** @internal */ readonly keySerde: Serde<K> | null,
    /** @internal */ readonly valueSerde: Serde<V> | null,
    /** @internal */ readonly timestampExtractor: TimestampExtractor | null,
    /** @internal Java 3.9's Topology.AutoOffsetReset: 'earliest' | 'latest'. */ readonly offsetResetPolicy: OffsetResetPolicy | null,
    /** @internal */ readonly processorName: string | null,
  ) {
    checkResetPolicy(offsetResetPolicy);
    checkExtractor(timestampExtractor);
  }

  /**
   * `with(keySerde, valueSerde, timestampExtractor?, resetPolicy?)`, or one of Java's one-argument
   * forms: `with(timestampExtractor)`, `with(resetPolicy)`.
   */
  static with<K, V>(keySerde: Serde<K> | null, valueSerde: Serde<V> | null, timestampExtractor?: TimestampExtractor | null, resetPolicy?: OffsetResetPolicy | null): Consumed<K, V>;
  static with<K, V>(timestampExtractor: TimestampExtractor): Consumed<K, V>;
  static with<K, V>(resetPolicy: OffsetResetPolicy): Consumed<K, V>;
  static with<K, V>(
    first: Serde<K> | TimestampExtractor | OffsetResetPolicy | null,
    valueSerde?: Serde<V> | null,
    timestampExtractor?: TimestampExtractor | null,
    resetPolicy?: OffsetResetPolicy | null,
  ): Consumed<K, V> {
    if (arguments.length === 1) {
      if (typeof first === 'string') return new Consumed<K, V>(null, null, null, first, null);
      if (first !== null && typeof first === 'object' && typeof (first as TimestampExtractor).extract === 'function') {
        return new Consumed<K, V>(null, null, first as TimestampExtractor, null, null);
      }
    }
    return new Consumed<K, V>((first as Serde<K> | null) ?? null, valueSerde ?? null, timestampExtractor ?? null, resetPolicy ?? null, null);
  }

  /** A source named `processorName` instead of KSTREAM-SOURCE-<index>. */
  static as<K, V>(processorName: string): Consumed<K, V> {
    return new Consumed<K, V>(null, null, null, null, processorName);
  }

  withKeySerde(keySerde: Serde<K> | null): Consumed<K, V> {
    return new Consumed(keySerde, this.valueSerde, this.timestampExtractor, this.offsetResetPolicy, this.processorName);
  }

  withValueSerde(valueSerde: Serde<V> | null): Consumed<K, V> {
    return new Consumed(this.keySerde, valueSerde, this.timestampExtractor, this.offsetResetPolicy, this.processorName);
  }

  withTimestampExtractor(timestampExtractor: TimestampExtractor | null): Consumed<K, V> {
    return new Consumed(this.keySerde, this.valueSerde, timestampExtractor, this.offsetResetPolicy, this.processorName);
  }

  withOffsetResetPolicy(resetPolicy: OffsetResetPolicy | null): Consumed<K, V> {
    return new Consumed(this.keySerde, this.valueSerde, this.timestampExtractor, resetPolicy, this.processorName);
  }

  withName(processorName: string): Consumed<K, V> {
    return new Consumed(this.keySerde, this.valueSerde, this.timestampExtractor, this.offsetResetPolicy, processorName);
  }
}

function checkResetPolicy(policy: OffsetResetPolicy | null): void {
  if (policy !== null && policy !== 'earliest' && policy !== 'latest') {
    throw new TopologyError(`Unrecognized offset reset policy "${String(policy)}": use 'earliest' or 'latest'.`);
  }
}

function checkExtractor(extractor: TimestampExtractor | null): void {
  if (extractor !== null && (typeof extractor !== 'object' || typeof extractor.extract !== 'function')) {
    throw new TopologyError('A timestamp extractor must be an object with an extract(record, partitionTime) method.');
  }
}
