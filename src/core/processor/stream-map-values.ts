// What KStream#mapValues does at run time (Java's KStreamMapValues): replace the value; key,
// timestamp and headers stay. The mapper gets the value first and the key second, so a mapper that
// ignores the key is `(value) => ...`.
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamMapValues<K, VIn, VOut> implements Processor<K, VIn, K, VOut> {
  private context!: ProcessorContext<K, VOut>;

  constructor(private readonly mapper: (value: VIn, key: K) => VOut) {}

  init(context: ProcessorContext<K, VOut>): void {
    this.context = context;
  }

  process(record: Record<K, VIn>): void {
    this.context.forward(record.withValue(this.mapper(record.value, record.key)));
  }
}
