// What a KTable forwards downstream (Java's Change): the new value of a key and, when a downstream
// operator asked for it (sendOldValues), the value it replaces. A null newValue is a delete.
// `isLatest` is false only for an out-of-order update of a versioned table.

export class Change<V> {
  constructor(
    readonly newValue: V | null,
    readonly oldValue: V | null,
    readonly isLatest: boolean = true,
  ) {}

  /** Java's format, `(new<-old)`, which shows up in printed tables and test failures. */
  toString(): string {
    return `(${String(this.newValue)}<-${String(this.oldValue)})`;
  }
}
