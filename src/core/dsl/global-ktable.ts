// Java's GlobalKTable (GlobalKTableImpl): a table every instance reads in full from its topic into
// a global store, for joins that look up by any key. The topology and describe() show it as Java
// does and the TopologyTestDriver runs it; the worker runtime refuses to run global stores yet.
import { TableSourceSupplier } from '../processor/table-source';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from '../processor/table-value-getter';
import { Consumed } from './consumed';
import { TableSourceNode } from './graph/table-source-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { KeyValueStoreMaterializer } from './key-value-store-materializer';
import { SOURCE_NAME } from './kstream-names';
import { Materialized, MaterializedInternal } from './materialized';
import { NamedInternal } from './named';
import { requireNonNull } from './require-non-null';

const TABLE_SOURCE_NAME = 'KTABLE-SOURCE-';
const TABLE_SOURCE_SUFFIX = '-source';

export class GlobalKTable<K, V> {
  /** @internal Made by StreamsBuilder#globalTable. */
  constructor(
    /** @internal */ readonly valueGetterSupplier: TableValueGetterSupplier<K, V>,
    private readonly queryableName: string | null,
  ) {}

  /** The name of the store interactive queries can read this table from, or null when it was not named. */
  queryableStoreName(): string | null {
    return this.queryableName;
  }
}

/**
 * StreamsBuilder#globalTable (Java's StreamsBuilder#globalTable and InternalStreamsBuilder#globalTable):
 * the store's name is taken first (`<topic>-STATE-STORE-<index>` when unnamed), then the source's and
 * the processor's. The store never change-logs (the topic is its changelog) and is always materialized.
 * With both `consumed` and `materialized`, the store uses consumed's serdes, as in Java.
 */
export function globalTableFromTopic<K, V>(
  builder: InternalStreamsBuilder,
  topic: string,
  consumed?: Consumed<K, V> | null,
  materialized?: Materialized<K, V> | null,
): GlobalKTable<K, V> {
  requireNonNull(topic, "topic can't be null");
  const internal = new MaterializedInternal<K, V>(materialized ?? Materialized.with<K, V>(consumed?.keySerde ?? null, consumed?.valueSerde ?? null), builder, `${topic}-`);
  let source: Consumed<K, V>;
  if (consumed !== null && consumed !== undefined) {
    source = consumed;
    internal.withKeySerde(consumed.keySerde).withValueSerde(consumed.valueSerde);
  } else {
    source = Consumed.with<K, V>(internal.keySerde, internal.valueSerde);
  }
  internal.withLoggingDisabled();

  const named = new NamedInternal(source.processorName);
  const sourceName = named.suffixWithOrElseGet(TABLE_SOURCE_SUFFIX, builder, SOURCE_NAME);
  const processorName = named.orElseGenerateWithPrefix(builder, TABLE_SOURCE_NAME);
  const storeName = internal.storeName() as string;
  // a global table's source is always materialized: its store is what the table is
  const tableSource = new TableSourceSupplier<K, V>(storeName, storeName);
  const node = new TableSourceNode<K, V>(processorName, {
    sourceName,
    processorName,
    topic,
    consumed: source,
    tableSource,
    storeBuilder: new KeyValueStoreMaterializer(internal),
    isGlobalKTable: true,
  });
  builder.addGraphNode(builder.root, node);
  return new GlobalKTable<K, V>(new StoreValueGetterSupplier<K, V>(storeName), internal.queryableStoreName());
}
