// A value with the timestamp of the record that wrote it (Java's ValueAndTimestamp).

export class ValueAndTimestamp<V> {
  private constructor(
    readonly value: V,
    readonly timestamp: number,
  ) {}

  /** A ValueAndTimestamp, or null when `value` is null (a missing value has no timestamp). */
  static make<V>(value: V | null, timestamp: number): ValueAndTimestamp<V> | null {
    return value === null || value === undefined ? null : new ValueAndTimestamp(value, timestamp);
  }

  /** A ValueAndTimestamp even for a null value (Java's makeAllowNullable, for versioned stores and joins). */
  static makeAllowNullable<V>(value: V | null, timestamp: number): ValueAndTimestamp<V | null> {
    return new ValueAndTimestamp<V | null>(value, timestamp);
  }

  /** The value inside, or null for null. */
  static getValueOrNull<V>(valueAndTimestamp: ValueAndTimestamp<V> | null | undefined): V | null {
    return valueAndTimestamp === null || valueAndTimestamp === undefined ? null : valueAndTimestamp.value;
  }

  equals(other: unknown): boolean {
    return other instanceof ValueAndTimestamp && other.timestamp === this.timestamp && Object.is(other.value, this.value);
  }

  toString(): string {
    return `<${String(this.value)},${this.timestamp}>`;
  }
}
