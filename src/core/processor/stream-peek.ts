// What KStream#peek does at run time (Java's KStreamPeek): call the action, then forward the record
// unchanged.
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamPeek<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;

  constructor(private readonly action: (key: K, value: V) => void) {}

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }

  process(record: Record<K, V>): void {
    this.action(record.key, record.value);
    this.context.forward(record);
  }
}
