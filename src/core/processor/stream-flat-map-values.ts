// What KStream#flatMapValues does at run time (Java's KStreamFlatMapValues): forward one record per
// value the mapper returns, in order, each with the input record's key, timestamp and headers. The
// mapper gets the value first and the key second.
import { StreamsError } from '../../errors';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamFlatMapValues<K, VIn, VOut> implements Processor<K, VIn, K, VOut> {
  private context!: ProcessorContext<K, VOut>;

  constructor(private readonly mapper: (value: VIn, key: K) => Iterable<VOut>) {}

  init(context: ProcessorContext<K, VOut>): void {
    this.context = context;
  }

  process(record: Record<K, VIn>): void {
    const values = this.mapper(record.value, record.key);
    if (values === null || values === undefined) {
      throw new StreamsError(`The provided ValueMapper returned null which is not allowed (processor ${internalContext(this.context).currentNodeName()}).`);
    }
    for (const value of values) this.context.forward(record.withValue(value));
  }
}
