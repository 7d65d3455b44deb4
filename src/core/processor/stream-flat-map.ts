// What KStream#flatMap does at run time (Java's KStreamFlatMap): forward one record per pair the
// mapper returns, in order, each with the input record's timestamp and headers.
import { StreamsError } from '../../errors';
import type { KeyValue } from '../key-value';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamFlatMap<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
  private context!: ProcessorContext<KOut, VOut>;

  constructor(private readonly mapper: (key: KIn, value: VIn) => Iterable<KeyValue<KOut, VOut>>) {}

  init(context: ProcessorContext<KOut, VOut>): void {
    this.context = context;
  }

  process(record: Record<KIn, VIn>): void {
    const pairs = this.mapper(record.key, record.value);
    if (pairs === null || pairs === undefined) {
      throw new StreamsError(`The provided KeyValueMapper returned null which is not allowed (processor ${internalContext(this.context).currentNodeName()}).`);
    }
    for (const pair of pairs) this.context.forward(record.withKey(pair.key).withValue(pair.value));
  }
}
