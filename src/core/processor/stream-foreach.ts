// What KStream#foreach does at run time (Java's ForeachProcessor): call the action; a terminal
// operation, it forwards nothing.
import type { Processor } from './processor';
import type { Record } from './record';

export class KStreamForeach<K, V> implements Processor<K, V, never, never> {
  constructor(private readonly action: (key: K, value: V) => void) {}

  process(record: Record<K, V>): void {
    this.action(record.key, record.value);
  }
}
