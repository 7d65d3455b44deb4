// The filter in front of a repartition topic (Java 3.9 installs `KStreamFilter((k, v) -> k != null)`
// there): a record without a key has no partition to go to, and the grouping or join that reads the
// topic would drop it anyway. Unlike Java, the drop is counted (reason `null-key`), as kstreams
// counts every dropped record.
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamNullKeyFilter<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }

  process(record: Record<K, V>): void {
    if (record.key !== null && record.key !== undefined) {
      this.context.forward(record);
      return;
    }
    const context = internalContext(this.context);
    context.sensors.recordDropped('null-key', String(context.taskId()), context.currentNodeName());
  }
}
