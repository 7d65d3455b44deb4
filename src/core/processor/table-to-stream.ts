// KTable#toStream (Java: a KStreamMapValues taking each Change's new value): every update becomes a
// record; a delete becomes a record with a null value.
import type { Change } from './change';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';

export function tableToStreamProcessor<K, V>(): Processor<K, Change<V>, K, V | null> {
  let context: ProcessorContext<K, V | null> | null = null;
  return {
    init(ctx) {
      context = ctx;
    },
    process(record: Record<K, Change<V>>) {
      context!.forward(record.withValue(record.value.newValue));
    },
  };
}
