// What KStream#print does at run time (Java's KStreamPrint and PrintForeachAction): each record
// becomes one line `[label]: <mapped>`, where the mapper defaults to `key, value`. The label
// defaults to the name of the stream printed (its node's processor name). Nothing is forwarded.
import { appendFileSync } from 'node:fs';
import type { Processor } from './processor';
import type { Record } from './record';

/** Where printed lines go: standard output, or a file (appended to; Printed.toFile truncated it). */
export type PrintTarget = { readonly kind: 'stdout' } | { readonly kind: 'file'; readonly path: string };

export type PrintMapper<K, V> = (key: K, value: V) => string;

/** Java's default Printed mapper, `String.format("%s, %s", key, value)`. */
export function defaultPrintMapper(key: unknown, value: unknown): string {
  return `${printString(key)}, ${printString(value)}`;
}

/**
 * Java's `%s` for a JS value: null (and undefined) print as "null"; arrays as Java lists print
 * ("[a, b]"); an object without a toString() of its own as JSON, since "[object Object]" says nothing.
 */
export function printString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(printString).join(', ')}]`;
  if (typeof value === 'object' && !Buffer.isBuffer(value) && (value as object).toString === Object.prototype.toString) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export class KStreamPrint<K, V> implements Processor<K, V, never, never> {
  constructor(
    private readonly target: PrintTarget,
    private readonly mapper: PrintMapper<K, V>,
    private readonly label: string,
  ) {}

  process(record: Record<K, V>): void {
    const line = `[${this.label}]: ${this.mapper(record.key, record.value)}\n`;
    // Synchronous writes keep lines in record order across tasks; printing is for debugging.
    if (this.target.kind === 'stdout') process.stdout.write(line);
    else appendFileSync(this.target.path, line, 'utf8');
  }
}
