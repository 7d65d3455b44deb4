// Java's Repartitioned: the topic KStream#repartition() writes through — its name (the topic is
// `<application.id>-<name>-repartition`), serdes, partition count and partitioner. Every `with...`
// returns a new object, as in Java.
import type { Serde } from '../serde/serde';
import type { StreamPartitioner } from '../topology/topology-model';

export class Repartitioned<K, V> {
  private constructor(
    /** @internal */ readonly name: string | null,
    /** @internal */ readonly keySerde: Serde<K> | null,
    /** @internal */ readonly valueSerde: Serde<V> | null,
    /** @internal null: as many partitions as the upstream source topics */ readonly numberOfPartitions: number | null,
    /** @internal */ readonly partitioner: StreamPartitioner<K, V> | null,
  ) {}

  static as<K, V>(name: string | null): Repartitioned<K, V> {
    return new Repartitioned<K, V>(name, null, null, null, null);
  }

  static with<K, V>(keySerde: Serde<K> | null, valueSerde: Serde<V> | null): Repartitioned<K, V> {
    return new Repartitioned<K, V>(null, keySerde, valueSerde, null, null);
  }

  static streamPartitioner<K, V>(partitioner: StreamPartitioner<K, V> | null): Repartitioned<K, V> {
    return new Repartitioned<K, V>(null, null, null, null, partitioner);
  }

  static numberOfPartitions<K, V>(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned<K, V>(null, null, null, numberOfPartitions, null);
  }

  withName(name: string): Repartitioned<K, V> {
    return new Repartitioned(name, this.keySerde, this.valueSerde, this.numberOfPartitions, this.partitioner);
  }

  withNumberOfPartitions(numberOfPartitions: number): Repartitioned<K, V> {
    return new Repartitioned(this.name, this.keySerde, this.valueSerde, numberOfPartitions, this.partitioner);
  }

  withKeySerde(keySerde: Serde<K> | null): Repartitioned<K, V> {
    return new Repartitioned(this.name, keySerde, this.valueSerde, this.numberOfPartitions, this.partitioner);
  }

  withValueSerde(valueSerde: Serde<V> | null): Repartitioned<K, V> {
    return new Repartitioned(this.name, this.keySerde, valueSerde, this.numberOfPartitions, this.partitioner);
  }

  withStreamPartitioner(partitioner: StreamPartitioner<K, V> | null): Repartitioned<K, V> {
    return new Repartitioned(this.name, this.keySerde, this.valueSerde, this.numberOfPartitions, partitioner);
  }
}
