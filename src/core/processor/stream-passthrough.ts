// Java's PassThrough: forwards every record unchanged. The DSL uses it where a node must exist
// without doing anything: each branch of split(), and merge().
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamPassThrough<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }

  process(record: Record<K, V>): void {
    this.context.forward(record);
  }
}
