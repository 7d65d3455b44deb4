// Java's RecordHeaders: an ordered list of (key, value) pairs where a key may repeat. Headers
// travel from input records to the records forwarded from them, and on to sinks.
export interface Header {
  readonly key: string;
  readonly value: Buffer | null;
}

export class RecordHeaders implements Iterable<Header> {
  private readonly list: Header[];

  constructor(headers?: Iterable<Header>) {
    this.list = headers === undefined ? [] : [...headers];
  }

  add(key: string, value: Buffer | string | null): this {
    this.list.push({ key, value: typeof value === 'string' ? Buffer.from(value) : value });
    return this;
  }

  remove(key: string): this {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].key === key) this.list.splice(i, 1);
    return this;
  }

  lastHeader(key: string): Header | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].key === key) return this.list[i];
    return undefined;
  }

  headers(key: string): Header[] {
    return this.list.filter((h) => h.key === key);
  }

  toArray(): Header[] {
    return [...this.list];
  }

  get size(): number {
    return this.list.length;
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.list[Symbol.iterator]();
  }
}
