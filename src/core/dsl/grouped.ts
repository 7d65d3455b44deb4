// Java's Grouped: how KStream#groupBy/groupByKey (and KTable#groupBy) repartition, when they must —
// the repartition topic's name (`<application.id>-<name>-repartition`; for KStream#groupBy also the
// name of its key-selecting processor) and serdes. Every `with...` returns a new object, as in Java.
// The aggregations read `name`, `keySerde` and `valueSerde` (Java's GroupedInternal).
import type { Serde } from '../serde/serde';

export class Grouped<K, V> {
  private constructor(
    /** @internal */ readonly name: string | null,
    /** @internal */ readonly keySerde: Serde<K> | null,
    /** @internal */ readonly valueSerde: Serde<V> | null,
  ) {}

  static as<K, V>(name: string | null): Grouped<K, V> {
    return new Grouped<K, V>(name, null, null);
  }

  static keySerde<K, V>(keySerde: Serde<K> | null): Grouped<K, V> {
    return new Grouped<K, V>(null, keySerde, null);
  }

  static valueSerde<K, V>(valueSerde: Serde<V> | null): Grouped<K, V> {
    return new Grouped<K, V>(null, null, valueSerde);
  }

  /** `with(name, keySerde, valueSerde)` or `with(keySerde, valueSerde)`. */
  static with<K, V>(name: string | null, keySerde: Serde<K> | null, valueSerde: Serde<V> | null): Grouped<K, V>;
  static with<K, V>(keySerde: Serde<K> | null, valueSerde: Serde<V> | null): Grouped<K, V>;
  static with<K, V>(...args: [string | null, Serde<K> | null, Serde<V> | null] | [Serde<K> | null, Serde<V> | null]): Grouped<K, V> {
    if (args.length === 3) return new Grouped<K, V>(args[0], args[1], args[2]);
    return new Grouped<K, V>(null, args[0], args[1]);
  }

  withName(name: string | null): Grouped<K, V> {
    return new Grouped(name, this.keySerde, this.valueSerde);
  }

  withKeySerde(keySerde: Serde<K> | null): Grouped<K, V> {
    return new Grouped(this.name, keySerde, this.valueSerde);
  }

  withValueSerde(valueSerde: Serde<V> | null): Grouped<K, V> {
    return new Grouped(this.name, this.keySerde, valueSerde);
  }
}
