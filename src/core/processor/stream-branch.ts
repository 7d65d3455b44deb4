// What KStream#split() does at run time (Java's KStreamBranch): send each record to the child of the
// first predicate it satisfies, else to the default branch when there is one (the child after the
// last predicate's), else nowhere. A record goes to one branch at most.
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamBranch<K, V> implements Processor<K, V, K, V> {
  private context!: ProcessorContext<K, V>;

  /** `childNames[i]` receives what `predicates[i]` accepts; a last extra child name is the default branch. */
  constructor(
    private readonly predicates: readonly ((key: K, value: V) => boolean)[],
    private readonly childNames: readonly string[],
  ) {}

  init(context: ProcessorContext<K, V>): void {
    this.context = context;
  }

  process(record: Record<K, V>): void {
    for (let i = 0; i < this.predicates.length; i++) {
      if (this.predicates[i](record.key, record.value)) {
        this.context.forward(record, this.childNames[i]);
        return;
      }
    }
    if (this.childNames.length > this.predicates.length) this.context.forward(record, this.childNames[this.predicates.length]);
  }
}
