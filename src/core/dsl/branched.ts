// Java's Branched: how one branch of KStream#split() is named and what is done with it. The name is
// appended to the split's name as is (no separator: split "s" + branch "-a" gives processor "s-a");
// without one the branch is numbered (1, 2, ... in order, 0 for the default branch). A chain
// function's result (unless null) is what the branch map holds; a chain consumer leaves the branch
// out of the map.
import type { KStream } from './kstream';
import { requireFunction, requireNonNull } from './require-non-null';

export class Branched<K, V> {
  private constructor(
    /** @internal */ readonly name: string | null,
    /** @internal */ readonly chainFunction: ((stream: KStream<K, V>) => KStream<K, V> | null | undefined) | null,
    /** @internal */ readonly chainConsumer: ((stream: KStream<K, V>) => void) | null,
  ) {}

  static as<K, V>(name: string): Branched<K, V> {
    requireNonNull(name, 'name cannot be null');
    return new Branched<K, V>(name, null, null);
  }

  /** The map holds what `chain` returns for this branch (nothing when it returns null). */
  static withFunction<K, V>(chain: (stream: KStream<K, V>) => KStream<K, V> | null | undefined, name: string | null = null): Branched<K, V> {
    requireFunction(chain, 'chain function');
    return new Branched<K, V>(name, chain, null);
  }

  /** `chain` consumes the branch; the map does not hold it. */
  static withConsumer<K, V>(chain: (stream: KStream<K, V>) => void, name: string | null = null): Branched<K, V> {
    requireFunction(chain, 'chain consumer');
    return new Branched<K, V>(name, null, chain);
  }

  withName(name: string): Branched<K, V> {
    requireNonNull(name, 'name cannot be null');
    return new Branched<K, V>(name, this.chainFunction, this.chainConsumer);
  }

  /** @internal Java's BranchedInternal.empty(). */
  static empty<K, V>(): Branched<K, V> {
    return new Branched<K, V>(null, null, null);
  }
}
