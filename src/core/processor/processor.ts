// The Processor API (org.apache.kafka.streams.processor.api): a processor receives records one
// at a time and forwards zero or more to its children. `process` may return a Promise; the task
// awaits it only when one comes back, so synchronous processors cost no promise.
import type { StoreBuilder } from '../state/store-builder';
import type { FixedKeyProcessorContext, ProcessorContext } from './processor-context';
import type { FixedKeyRecord } from './fixed-key-record';
import type { Record } from './record';

export interface Processor<KIn, VIn, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void | Promise<void>;
  process(record: Record<KIn, VIn>): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface FixedKeyProcessor<KIn, VIn, VOut = never> {
  init?(context: FixedKeyProcessorContext<KIn, VOut>): void | Promise<void>;
  process(record: FixedKeyRecord<KIn, VIn>): void | Promise<void>;
  close?(): void | Promise<void>;
}

/**
 * Makes a new processor for every task (Java's ProcessorSupplier#get): a function, or an object
 * whose `stores()` names the stores to add and connect (Java's ConnectedStoreProvider).
 */
export type ProcessorSupplier<KIn, VIn, KOut = never, VOut = never> =
  | (() => Processor<KIn, VIn, KOut, VOut>)
  | { get(): Processor<KIn, VIn, KOut, VOut>; stores?(): StoreBuilder[] };

export type FixedKeyProcessorSupplier<KIn, VIn, VOut = never> =
  | (() => FixedKeyProcessor<KIn, VIn, VOut>)
  | { get(): FixedKeyProcessor<KIn, VIn, VOut>; stores?(): StoreBuilder[] };

export function supplierGet<P>(supplier: (() => P) | { get(): P }): P {
  return typeof supplier === 'function' ? supplier() : supplier.get();
}

export function supplierStores(supplier: (() => unknown) | { stores?(): StoreBuilder[] }): StoreBuilder[] {
  return typeof supplier === 'function' ? [] : (supplier.stores?.() ?? []);
}
