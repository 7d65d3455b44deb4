// Java's ProcessorParameters: a processor supplier and the name it is registered under. Writing it
// adds the processor and the stores its supplier declares (Java's ConnectedStoreProvider#stores).
import { FixedKeyProcessorAdapter } from '../../processor/fixed-key-processor-adapter';
import type { FixedKeyProcessorSupplier, Processor, ProcessorSupplier } from '../../processor/processor';
import { supplierGet, supplierStores } from '../../processor/processor';
import type { StoreBuilder } from '../../state/store-builder';
import type { InternalTopologyBuilder, ProcessorFactory } from '../../topology/internal-topology-builder';

export class ProcessorParameters {
  private constructor(
    readonly processorName: string,
    /** @internal */ readonly createProcessor: ProcessorFactory,
    private readonly stores: () => readonly StoreBuilder[],
  ) {}

  /** A Processor API supplier: a function, or an object with get() and maybe stores(). */
  static of<KIn, VIn, KOut, VOut>(supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>, processorName: string): ProcessorParameters {
    return new ProcessorParameters(processorName, () => erase(supplierGet(supplier)), () => supplierStores(supplier));
  }

  /** A FixedKeyProcessor supplier (processValues): each processor runs behind an adapter. */
  static ofFixedKey<K, VIn, VOut>(supplier: FixedKeyProcessorSupplier<K, VIn, VOut>, processorName: string): ProcessorParameters {
    return new ProcessorParameters(
      processorName,
      () => erase(new FixedKeyProcessorAdapter(supplierGet(supplier))),
      () => supplierStores(supplier),
    );
  }

  /** The DSL's own processors: a factory, no stores. */
  static ofFactory<KIn, VIn, KOut, VOut>(create: () => Processor<KIn, VIn, KOut, VOut>, processorName: string): ProcessorParameters {
    return new ProcessorParameters(processorName, () => erase(create()), () => []);
  }

  addProcessorTo(builder: InternalTopologyBuilder, parentNames: readonly string[]): void {
    builder.addProcessor(this.processorName, this.createProcessor, parentNames);
    for (const storeBuilder of this.stores()) builder.addStateStore(storeBuilder, [this.processorName]);
  }
}

/** The topology runs processors without their types: keys and values are whatever the serdes made. */
function erase<KIn, VIn, KOut, VOut>(processor: Processor<KIn, VIn, KOut, VOut>): Processor<unknown, unknown, unknown, unknown> {
  return processor as unknown as Processor<unknown, unknown, unknown, unknown>;
}
