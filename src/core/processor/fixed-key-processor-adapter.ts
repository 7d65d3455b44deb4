// Runs a FixedKeyProcessor (KStream#processValues) as a plain Processor: the runtime knows only
// Processors. The processor sees FixedKeyRecords, whose key it cannot change, and a context whose
// forward takes FixedKeyRecords; everything else is the node's own context.
import { StreamsError } from '../../errors';
import type { FixedKeyProcessor, Processor } from './processor';
import type { FixedKeyProcessorContext, ProcessorContext } from './processor-context';
import { FixedKeyRecord } from './fixed-key-record';
import type { Record } from './record';

export class FixedKeyProcessorAdapter<K, VIn, VOut> implements Processor<K, VIn, K, VOut> {
  constructor(private readonly inner: FixedKeyProcessor<K, VIn, VOut>) {}

  init(context: ProcessorContext<K, VOut>): void | Promise<void> {
    return this.inner.init?.(fixedKeyContext(context));
  }

  process(record: Record<K, VIn>): void | Promise<void> {
    return this.inner.process(FixedKeyRecord.of(record));
  }

  close(): void | Promise<void> {
    return this.inner.close?.();
  }
}

/**
 * The node's context with a FixedKeyRecord forward. Built on the context as its prototype, so the
 * runtime's extra methods (record context, sensors: InternalProcessorContext) stay reachable.
 */
function fixedKeyContext<K, V>(context: ProcessorContext<K, V>): FixedKeyProcessorContext<K, V> {
  const fixed = Object.create(context) as FixedKeyProcessorContext<K, V>;
  Object.defineProperty(fixed, 'forward', {
    value: <VF extends V>(record: FixedKeyRecord<K, VF>, childName?: string): void => {
      if (!(record instanceof FixedKeyRecord)) {
        throw new StreamsError('A FixedKeyProcessor forwards FixedKeyRecords: derive them from the input record with withValue(), withTimestamp() or withHeaders().');
      }
      context.forward(record.toRecord(), childName);
    },
  });
  return fixed;
}
