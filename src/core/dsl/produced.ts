// Java's Produced: how a stream is written to a topic — serdes, partitioner and the sink's name.
// As in Java, the `with...` methods change this object and return it. A serde left null falls back
// to the stream's serde, then to `default.key.serde` / `default.value.serde`; a null partitioner to
// murmur2 of the serialized key (the Java producer's default).
import type { Serde } from '../serde/serde';
import type { StreamPartitioner } from '../topology/topology-model';

export class Produced<K, V> {
  private constructor(
    /** @internal */ public keySerde: Serde<K> | null,
    /** @internal */ public valueSerde: Serde<V> | null,
    /** @internal */ public partitioner: StreamPartitioner<K, V> | null,
    /** @internal */ public processorName: string | null,
  ) {}

  static with<K, V>(keySerde: Serde<K> | null, valueSerde: Serde<V> | null, partitioner: StreamPartitioner<K, V> | null = null): Produced<K, V> {
    return new Produced(keySerde, valueSerde, partitioner, null);
  }

  /** A sink named `processorName` instead of KSTREAM-SINK-<index>. */
  static as<K, V>(processorName: string): Produced<K, V> {
    return new Produced<K, V>(null, null, null, processorName);
  }

  static keySerde<K, V>(keySerde: Serde<K> | null): Produced<K, V> {
    return new Produced<K, V>(keySerde, null, null, null);
  }

  static valueSerde<K, V>(valueSerde: Serde<V> | null): Produced<K, V> {
    return new Produced<K, V>(null, valueSerde, null, null);
  }

  static streamPartitioner<K, V>(partitioner: StreamPartitioner<K, V> | null): Produced<K, V> {
    return new Produced<K, V>(null, null, partitioner, null);
  }

  withStreamPartitioner(partitioner: StreamPartitioner<K, V> | null): this {
    this.partitioner = partitioner;
    return this;
  }

  withKeySerde(keySerde: Serde<K> | null): this {
    this.keySerde = keySerde;
    return this;
  }

  withValueSerde(valueSerde: Serde<V> | null): this {
    this.valueSerde = valueSerde;
    return this;
  }

  withName(processorName: string): this {
    this.processorName = processorName;
    return this;
  }

  /** @internal Java's `new ProducedInternal(produced)`: a copy the DSL may fill in without touching the user's object. */
  copy(): Produced<K, V> {
    return new Produced(this.keySerde, this.valueSerde, this.partitioner, this.processorName);
  }
}
