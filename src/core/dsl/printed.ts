// Java's Printed: where and how KStream#print writes records — standard output or a file, a label
// (default: the name of the printed stream) and a mapper (default: `key, value`). As in Java, the
// `with...` methods change this object and return it.
import { writeFileSync } from 'node:fs';
import { TopologyError } from '../../errors';
import { defaultPrintMapper, type PrintMapper, type PrintTarget } from '../processor/stream-print';
import { requireFunction, requireNonNull } from './require-non-null';

export class Printed<K, V> {
  /** @internal */ label: string | null = null;
  /** @internal */ processorName: string | null = null;
  /** @internal */ mapper: PrintMapper<K, V> = defaultPrintMapper;

  private constructor(/** @internal */ readonly target: PrintTarget) {}

  /** Prints to standard output. */
  static toSysOut<K, V>(): Printed<K, V> {
    return new Printed<K, V>({ kind: 'stdout' });
  }

  /** Prints to the file at `filePath`, which is created, or emptied, now (as Java opens it here). */
  static toFile<K, V>(filePath: string): Printed<K, V> {
    requireNonNull(filePath, "filePath can't be null");
    if (typeof filePath !== 'string' || filePath.trim().length === 0) throw new TopologyError("filePath can't be an empty string");
    try {
      writeFileSync(filePath, '');
    } catch (error) {
      throw new TopologyError(`Unable to write stream to file at [${filePath}] ${(error as Error).message}`, { cause: error });
    }
    return new Printed<K, V>({ kind: 'file', path: filePath });
  }

  withLabel(label: string): this {
    this.label = requireNonNull(label, "label can't be null");
    return this;
  }

  /** How a record becomes the text after `[label]: `. */
  withKeyValueMapper(mapper: (key: K, value: V) => string): this {
    this.mapper = requireFunction(mapper, 'mapper');
    return this;
  }

  /** Names the print processor instead of KSTREAM-PRINTER-<index>. */
  withName(processorName: string): this {
    this.processorName = processorName;
    return this;
  }
}
