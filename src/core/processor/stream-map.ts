// What KStream#map and #selectKey do at run time (Java's KStreamMap): replace key and value with
// the mapper's pair. Timestamp and headers stay those of the input record.
import { StreamsError } from '../../errors';
import type { KeyValue } from '../key-value';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export class KStreamMap<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
  private context!: ProcessorContext<KOut, VOut>;

  constructor(private readonly mapper: (key: KIn, value: VIn) => KeyValue<KOut, VOut>) {}

  init(context: ProcessorContext<KOut, VOut>): void {
    this.context = context;
  }

  process(record: Record<KIn, VIn>): void {
    const pair = this.mapper(record.key, record.value);
    if (pair === null || pair === undefined) {
      throw new StreamsError(`The provided KeyValueMapper returned null which is not allowed (processor ${internalContext(this.context).currentNodeName()}).`);
    }
    this.context.forward(record.withKey(pair.key).withValue(pair.value));
  }
}
