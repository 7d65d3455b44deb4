// What KStream#filter and #filterNot do at run time (Java's KStreamFilter): forward the record,
// unchanged, when the predicate holds (filter) or fails (filterNot).
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamFilter<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;

  constructor(
    private readonly predicate: (key: K, value: V) => boolean,
    private readonly filterNot: boolean,
  ) {}

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }

  process(record: Record<K, V>): void {
    if (this.filterNot !== Boolean(this.predicate(record.key, record.value))) this.context.forward(record);
  }
}
