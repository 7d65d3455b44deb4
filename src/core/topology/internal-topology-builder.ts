// The one place where a topology's nodes, stores and topics are registered (Java's
// InternalTopologyBuilder). The public Topology (Processor API) and the DSL both write through it; it
// checks every registration as it comes, and `build()` compiles the result into the plain definitions
// the task runtime instantiates, plus Java's describe() text and its fingerprint.
import { createHash } from 'node:crypto';
import { TopologyError } from '../../errors';
import type { Processor } from '../processor/processor';
import type { Deserializer, Serializer } from '../serde/serde';
import type { StoreBuilder } from '../state/store-builder';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import { changelogTopicConfig, repartitionTopicConfig, DEFAULT_WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS } from './internal-topic-config';
import { QuickUnion } from './quick-union';
import { topicMatchesPattern } from './topic-pattern';
import { describeTopology, type DescribedGroup, type DescribedNodeSpec, type TopologyDescription } from './topology-description';
import type {
  BuiltTopology,
  GlobalStoreDefinition,
  InternalTopicDefinition,
  NodeDefinition,
  OffsetResetPolicy,
  ProcessorNodeDefinition,
  SinkNodeDefinition,
  SourceNodeDefinition,
  StoreDefinition,
  StreamPartitioner,
  SubtopologyDefinition,
  TopicNameExtractor,
} from './topology-model';

export type ProcessorFactory = () => Processor<unknown, unknown, unknown, unknown>;

export interface SourceRegistration {
  readonly name: string;
  /** The topics to read; give either these or `pattern`. */
  readonly topics?: readonly string[];
  /** Reads every topic whose whole name matches (Java's `Pattern` source). */
  readonly pattern?: RegExp;
  readonly keyDeserializer?: Deserializer<unknown> | null;
  readonly valueDeserializer?: Deserializer<unknown> | null;
  readonly timestampExtractor?: TimestampExtractor | null;
  readonly offsetReset?: OffsetResetPolicy | null;
}

export interface SinkRegistration {
  readonly name: string;
  readonly topic: string | TopicNameExtractor;
  readonly keySerializer?: Serializer<unknown> | null;
  readonly valueSerializer?: Serializer<unknown> | null;
  readonly partitioner?: StreamPartitioner | null;
  readonly parentNames: readonly string[];
}

export interface GlobalStoreRegistration {
  /** Must have logging disabled: the topic itself is the changelog. */
  readonly storeBuilder: StoreBuilder;
  readonly sourceName: string;
  readonly topic: string;
  readonly processorName: string;
  readonly createProcessor: ProcessorFactory;
  readonly keyDeserializer?: Deserializer<unknown> | null;
  readonly valueDeserializer?: Deserializer<unknown> | null;
  readonly timestampExtractor?: TimestampExtractor | null;
  /** True (Topology.addGlobalStore): restore by reprocessing; false (GlobalKTable): copy the records. */
  readonly reprocessOnRestore: boolean;
}

export interface InternalTopicProperties {
  readonly kind: 'repartition';
  /** A fixed partition count (Repartitioned.withNumberOfPartitions); null or absent: as many as the upstream sources. */
  readonly partitions?: number | null;
  /** Topic config on top of Java's repartition defaults. */
  readonly config?: Readonly<{ [key: string]: string }>;
}

export interface BuildOptions {
  /** `windowstore.changelog.additional.retention.ms`: added to a window store's retention for its changelog. */
  readonly windowStoreChangelogAdditionalRetentionMs?: number;
}

interface SourceEntry {
  readonly kind: 'source';
  readonly name: string;
  readonly topics: readonly string[];
  readonly pattern: RegExp | null;
  readonly keyDeserializer: Deserializer<unknown> | null;
  readonly valueDeserializer: Deserializer<unknown> | null;
  readonly timestampExtractor: TimestampExtractor | null;
  readonly offsetReset: OffsetResetPolicy | null;
}

interface ProcessorEntry {
  readonly kind: 'processor';
  readonly name: string;
  readonly createProcessor: ProcessorFactory;
  readonly predecessors: readonly string[];
  /** In connection order, each once. */
  readonly stores: string[];
}

interface SinkEntry {
  readonly kind: 'sink';
  readonly name: string;
  readonly topic: string | TopicNameExtractor;
  readonly keySerializer: Serializer<unknown> | null;
  readonly valueSerializer: Serializer<unknown> | null;
  readonly partitioner: StreamPartitioner | null;
  readonly predecessors: readonly string[];
}

type NodeEntry = SourceEntry | ProcessorEntry | SinkEntry;

interface StoreEntry {
  readonly builder: StoreBuilder;
  readonly connectedProcessors: Set<string>;
}

interface GlobalStoreEntry {
  readonly builder: StoreBuilder;
  readonly sourceName: string;
  readonly processorName: string;
  readonly topic: string;
  readonly reprocessOnRestore: boolean;
}

interface NodeGroup {
  readonly id: number;
  /** In the order the nodes were added. */
  readonly names: readonly string[];
}

export class InternalTopologyBuilder {
  /** Every node, in the order added: parents always come before their children. */
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly stores = new Map<string, StoreEntry>();
  private readonly globalStores = new Map<string, GlobalStoreEntry>();
  /** Topics of topic-list sources (not global ones), unprefixed. */
  private readonly rawSourceTopics = new Set<string>();
  private readonly globalTopics = new Set<string>();
  private readonly internalTopics = new Map<string, { partitions: number | null; config: Readonly<{ [key: string]: string }> }>();
  private readonly copartitionSourceGroups: string[][] = [];
  /** Stores whose changelog is a source topic (Java's connectSourceStoreAndTopic). */
  private readonly storeToSourceTopic = new Map<string, string>();
  private readonly nodeGrouper = new QuickUnion();

  addSource(def: SourceRegistration): void {
    requireObject(def, 'addSource needs a source definition ({ name, topics })');
    const name = requireName(def.name, 'a source');
    this.requireNewNodeName(name);
    const topics = def.topics ?? [];
    if (!Array.isArray(topics)) throw new TopologyError(`Source "${name}": topics must be an array of topic names.`, { context: { processor: name } });
    const pattern = def.pattern ?? null;
    if (pattern !== null && !(pattern instanceof RegExp)) {
      throw new TopologyError(`Source "${name}": pattern must be a RegExp.`, { context: { processor: name } });
    }
    if (pattern !== null && topics.length > 0) {
      throw new TopologyError(`Source "${name}" has both topics and a pattern: give one or the other.`, { context: { processor: name } });
    }
    if (pattern === null && topics.length === 0) {
      throw new TopologyError(`Source "${name}" has no topics: you must provide at least one topic (or a pattern).`, {
        context: { processor: name },
      });
    }
    const offsetReset = def.offsetReset ?? null;
    if (offsetReset !== null && offsetReset !== 'earliest' && offsetReset !== 'latest') {
      throw new TopologyError(`Source "${name}": unrecognized offset reset policy "${String(offsetReset)}"; use 'earliest' or 'latest'.`, {
        context: { processor: name },
      });
    }

    const seen = new Set<string>();
    for (const topic of topics) {
      requireName(topic, `a topic of source "${name}"`);
      if (seen.has(topic)) throw new TopologyError(`Source "${name}" lists topic ${topic} twice.`, { context: { processor: name, topic } });
      seen.add(topic);
      this.requireTopicNotRegistered(topic, name);
    }
    if (pattern !== null) {
      for (const topic of this.rawSourceTopics) {
        if (topicMatchesPattern(pattern, topic)) {
          throw new TopologyError(
            `Pattern ${pattern.source} of source "${name}" will match topic ${topic}, which has already been registered by another source. ` +
              'A topic can be read by one source only: narrow the pattern.',
            { context: { processor: name, topic } },
          );
        }
      }
    }

    for (const topic of topics) this.rawSourceTopics.add(topic);
    this.nodes.set(name, {
      kind: 'source',
      name,
      topics: [...topics],
      pattern,
      keyDeserializer: def.keyDeserializer ?? null,
      valueDeserializer: def.valueDeserializer ?? null,
      timestampExtractor: def.timestampExtractor ?? null,
      offsetReset,
    });
    this.nodeGrouper.add(name);
  }

  addProcessor(name: string, createProcessor: ProcessorFactory, parentNames: readonly string[]): void {
    requireName(name, 'a processor');
    if (typeof createProcessor !== 'function') {
      throw new TopologyError(`Processor "${name}": the processor supplier must be a function that returns a new processor.`, {
        context: { processor: name },
      });
    }
    this.requireNewNodeName(name);
    this.requireParents('Processor', name, parentNames);
    checkSupplier(name, createProcessor);

    this.nodes.set(name, { kind: 'processor', name, createProcessor, predecessors: [...parentNames], stores: [] });
    this.nodeGrouper.add(name);
    this.nodeGrouper.unite(name, parentNames);
  }

  addSink(def: SinkRegistration): void {
    requireObject(def, 'addSink needs a sink definition ({ name, topic, parentNames })');
    const name = requireName(def.name, 'a sink');
    if (typeof def.topic === 'string') requireName(def.topic, `the topic of sink "${name}"`);
    else if (typeof def.topic !== 'function') {
      throw new TopologyError(`Sink "${name}": topic must be a topic name or a TopicNameExtractor function.`, { context: { processor: name } });
    }
    this.requireNewNodeName(name);
    this.requireParents('Sink', name, def.parentNames);

    this.nodes.set(name, {
      kind: 'sink',
      name,
      topic: def.topic,
      keySerializer: def.keySerializer ?? null,
      valueSerializer: def.valueSerializer ?? null,
      partitioner: def.partitioner ?? null,
      predecessors: [...def.parentNames],
    });
    this.nodeGrouper.add(name);
    this.nodeGrouper.unite(name, def.parentNames);
  }

  /**
   * Adds a store, connected to `processorNames`. Adding the same builder again is allowed (so each
   * processor's supplier can list a store it shares); another builder under a taken name is not,
   * unless `allowOverride` (the DSL's graph rewrites).
   */
  addStateStore(builder: StoreBuilder, processorNames: readonly string[] = [], allowOverride = false): void {
    if (builder === null || typeof builder !== 'object' || typeof builder.name !== 'function') {
      throw new TopologyError('addStateStore needs a StoreBuilder.');
    }
    const storeName = requireName(builder.name(), 'a state store');
    if (!Array.isArray(processorNames)) throw new TopologyError(`addStateStore(${storeName}): processor names must be an array.`);
    const existing = this.stores.get(storeName);
    if (!allowOverride && existing !== undefined && existing.builder !== builder) {
      throw new TopologyError(
        `A different StateStore has already been added with the name ${storeName}. ` +
          'To share a store between processors, add it once (or pass the same StoreBuilder) and connect it to each of them.',
        { context: { store: storeName } },
      );
    }
    if (this.globalStores.has(storeName)) {
      throw new TopologyError(`A different GlobalStateStore has already been added with the name ${storeName}; pick another store name.`, {
        context: { store: storeName },
      });
    }
    for (const processorName of processorNames) requireName(processorName, `a processor to connect to store ${storeName}`);
    // Check every connection before changing anything, so a failed call leaves the builder as it was.
    for (const processorName of processorNames) this.requireConnectableProcessor(processorName, storeName);

    this.stores.set(storeName, { builder, connectedProcessors: existing?.connectedProcessors ?? new Set() });
    for (const processorName of processorNames) this.connect(processorName, storeName);
  }

  connectProcessorAndStateStores(processorName: string, storeNames: readonly string[]): void {
    requireName(processorName, 'the processor to connect');
    if (!Array.isArray(storeNames) || storeNames.length === 0) {
      throw new TopologyError(`connectProcessorAndStateStores(${processorName}): must provide at least one state store name.`, {
        context: { processor: processorName },
      });
    }
    for (const storeName of storeNames) {
      requireName(storeName, `a state store to connect to "${processorName}"`);
      if (this.globalStores.has(storeName)) {
        throw new TopologyError(
          `Global StateStore ${storeName} can be used by a Processor without being specified; it should not be explicitly passed.`,
          { context: { processor: processorName, store: storeName } },
        );
      }
      if (!this.stores.has(storeName)) {
        throw new TopologyError(`StateStore ${storeName} is not added yet: add it with addStateStore before connecting it to "${processorName}".`, {
          context: { processor: processorName, store: storeName },
        });
      }
      this.requireConnectableProcessor(processorName, storeName);
    }
    for (const storeName of storeNames) this.connect(processorName, storeName);
  }

  /**
   * Adds a global store: a source reading all of `topic` on every instance and the processor that
   * writes the records into the store (Java's addGlobalStore; GlobalKTable uses it too).
   */
  addGlobalStore(def: GlobalStoreRegistration): void {
    requireObject(def, 'addGlobalStore needs a global store definition');
    const { storeBuilder, topic } = def;
    if (storeBuilder === null || typeof storeBuilder !== 'object' || typeof storeBuilder.name !== 'function') {
      throw new TopologyError('addGlobalStore needs a StoreBuilder.');
    }
    const storeName = requireName(storeBuilder.name(), 'a global state store');
    const sourceName = requireName(def.sourceName, `the source of global store ${storeName}`);
    const processorName = requireName(def.processorName, `the processor of global store ${storeName}`);
    requireName(topic, `the topic of global store ${storeName}`);
    if (typeof def.createProcessor !== 'function') {
      throw new TopologyError(`Global store ${storeName}: the state update supplier must be a function that returns a new processor.`, {
        context: { store: storeName },
      });
    }
    this.requireNewNodeName(sourceName);
    this.requireNewNodeName(processorName);
    if (this.stores.has(storeName)) {
      throw new TopologyError(`A different StateStore has already been added with the name ${storeName}; pick another store name.`, {
        context: { store: storeName },
      });
    }
    if (this.globalStores.has(storeName)) {
      throw new TopologyError(`A different GlobalStateStore has already been added with the name ${storeName}; pick another store name.`, {
        context: { store: storeName },
      });
    }
    if (storeBuilder.loggingEnabled()) {
      throw new TopologyError(
        `StateStore ${storeName} for global table must not have logging enabled: its topic is its changelog. Call withLoggingDisabled() on the builder.`,
        { context: { store: storeName } },
      );
    }
    if (sourceName === processorName) {
      throw new TopologyError(`Global store ${storeName}: sourceName and processorName must be different (both are "${sourceName}").`, {
        context: { store: storeName },
      });
    }
    this.requireTopicNotRegistered(topic, sourceName);
    checkSupplier(processorName, def.createProcessor);
    if (this.storeToSourceTopic.has(storeName)) {
      throw new TopologyError(`Source store ${storeName} is already added.`, { context: { store: storeName } });
    }

    this.globalTopics.add(topic);
    this.nodes.set(sourceName, {
      kind: 'source',
      name: sourceName,
      topics: [topic],
      pattern: null,
      keyDeserializer: def.keyDeserializer ?? null,
      valueDeserializer: def.valueDeserializer ?? null,
      timestampExtractor: def.timestampExtractor ?? null,
      offsetReset: null,
    });
    this.nodeGrouper.add(sourceName);
    this.nodes.set(processorName, {
      kind: 'processor',
      name: processorName,
      createProcessor: def.createProcessor,
      predecessors: [sourceName],
      stores: [storeName],
    });
    this.nodeGrouper.add(processorName);
    this.nodeGrouper.unite(processorName, [sourceName]);
    this.globalStores.set(storeName, { builder: storeBuilder, sourceName, processorName, topic, reprocessOnRestore: def.reprocessOnRestore });
    this.storeToSourceTopic.set(storeName, topic);
  }

  /**
   * Makes `topic` (a source topic) the changelog of `storeName` instead of `<store>-changelog` (Java's
   * connectSourceStoreAndTopic): a KTable source store under the reuse optimization, a read-only
   * store. The store should have logging disabled; its data is restored from the topic.
   */
  connectSourceStoreAndTopic(storeName: string, topic: string): void {
    requireName(storeName, 'a source store');
    requireName(topic, `the source topic of store ${storeName}`);
    if (this.storeToSourceTopic.has(storeName)) {
      throw new TopologyError(`Source store ${storeName} is already added.`, { context: { store: storeName, topic } });
    }
    this.storeToSourceTopic.set(storeName, topic);
  }

  /** Registers a topic the topology creates itself; sources and sinks name it without the application id prefix. */
  addInternalTopic(name: string, props: InternalTopicProperties): void {
    requireName(name, 'an internal topic');
    requireObject(props, `addInternalTopic(${name}) needs the topic's properties ({ kind: 'repartition' })`);
    if (props.kind !== 'repartition') {
      throw new TopologyError(`Internal topic ${name}: unknown kind "${String(props.kind)}" (only 'repartition' topics are added this way).`, {
        context: { topic: name },
      });
    }
    const partitions = props.partitions ?? null;
    if (partitions !== null && (!Number.isInteger(partitions) || partitions < 1)) {
      throw new TopologyError(`Internal topic ${name}: number of partitions must be a positive integer, got ${String(partitions)}.`, {
        context: { topic: name },
      });
    }
    this.internalTopics.set(name, { partitions, config: { ...(props.config ?? {}) } });
  }

  /** Declares that these sources' topics must have the same partition count (joins, KTable-KTable operations). */
  copartitionSources(sourceNodeNames: readonly string[]): void {
    if (!Array.isArray(sourceNodeNames)) throw new TopologyError('copartitionSources needs an array of source node names.');
    for (const name of sourceNodeNames) requireName(name, 'a co-partitioned source');
    this.copartitionSourceGroups.push([...sourceNodeNames]);
  }

  hasNode(name: string): boolean {
    return this.nodes.has(name);
  }

  hasStore(name: string): boolean {
    return this.stores.has(name) || this.globalStores.has(name);
  }

  /** The builder of a (non-global or global) store, for the DSL to look at its kind or retention. */
  storeBuilder(name: string): StoreBuilder | undefined {
    return this.stores.get(name)?.builder ?? this.globalStores.get(name)?.builder;
  }

  describe(): TopologyDescription {
    return describeTopology(this.describedGroups(this.nodeGroups()));
  }

  build(options: BuildOptions = {}): BuiltTopology {
    this.validateCopartitionGroups();
    const groups = this.nodeGroups();
    const children = this.childrenByNode();
    const additionalRetentionMs = options.windowStoreChangelogAdditionalRetentionMs ?? DEFAULT_WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS;

    const subtopologies: SubtopologyDefinition[] = [];
    const globalStores: GlobalStoreDefinition[] = [];
    const repartitionTopics: InternalTopicDefinition[] = [];
    const changelogTopics: InternalTopicDefinition[] = [];
    const sourceTopicToSubtopology = new Map<string, number>();

    for (const group of groups) {
      const entries = group.names.map((name) => this.nodes.get(name) as NodeEntry);
      const globalSource = entries.find((entry) => this.isGlobalSource(entry.name));
      if (globalSource !== undefined) {
        globalStores.push(this.globalStoreDefinition(group.id, globalSource as SourceEntry, children));
        continue;
      }

      // Sources first, then the rest, each in the order added: still parents before children.
      const ordered = [...entries.filter((e) => e.kind === 'source'), ...entries.filter((e) => e.kind !== 'source')];
      const sourceTopics: string[] = [];
      const sourcePatterns: RegExp[] = [];
      const sinkTopics: string[] = [];
      const storeNames: string[] = [];
      for (const entry of ordered) {
        if (entry.kind === 'source') {
          if (entry.pattern !== null) sourcePatterns.push(entry.pattern);
          for (const topic of entry.topics) {
            pushOnce(sourceTopics, topic);
            sourceTopicToSubtopology.set(topic, group.id);
            const internal = this.internalTopics.get(topic);
            if (internal !== undefined && !repartitionTopics.some((t) => t.name === topic)) {
              repartitionTopics.push({
                name: topic,
                kind: 'repartition',
                partitions: internal.partitions,
                config: repartitionTopicConfig(internal.config),
                store: null,
              });
            }
          }
        } else if (entry.kind === 'sink') {
          if (typeof entry.topic === 'string') pushOnce(sinkTopics, entry.topic);
        } else {
          for (const store of entry.stores) pushOnce(storeNames, store);
        }
      }

      const stores = storeNames.map((name) => this.storeDefinition(name));
      for (const store of stores) {
        if (store.changelogTopic !== null && !store.changelogIsSourceTopic) {
          changelogTopics.push({
            name: store.changelogTopic,
            kind: 'changelog',
            partitions: null,
            config: changelogTopicConfig(store.builder, additionalRetentionMs),
            store: store.name,
          });
        }
      }

      subtopologies.push({
        id: group.id,
        nodes: ordered.map((entry) => nodeDefinition(entry, children)),
        sourceTopics,
        sourcePatterns,
        sinkTopics,
        stores,
      });
    }

    const description = describeTopology(this.describedGroups(groups));
    const fingerprint = createHash('sha256').update(description.toString()).digest('hex');
    return {
      subtopologies,
      globalStores,
      internalTopics: [...repartitionTopics, ...changelogTopics],
      copartitionGroups: this.copartitionTopicGroups(),
      sourceTopicToSubtopology,
      describe: () => description,
      fingerprint,
    };
  }

  // ---- node groups (sub-topologies) ----

  /**
   * Java's makeNodeGroups (3.9): walks the nodes in the order they were added and numbers each
   * union-find class as it is first met. So upstream sub-topologies get lower ids, and a topology
   * built in the same order as a Java one gets the same ids, hence the same task ids.
   */
  private nodeGroups(): NodeGroup[] {
    const byRoot = new Map<string, { id: number; names: string[] }>();
    const groups: { id: number; names: string[] }[] = [];
    for (const name of this.nodes.keys()) {
      const root = this.nodeGrouper.root(name);
      let group = byRoot.get(root);
      if (group === undefined) {
        group = { id: groups.length, names: [] };
        byRoot.set(root, group);
        groups.push(group);
      }
      group.names.push(name);
    }
    return groups;
  }

  private describedGroups(groups: readonly NodeGroup[]): DescribedGroup[] {
    return groups.map((group): DescribedGroup => {
      const globalSourceName = group.names.find((name) => this.isGlobalSource(name));
      if (globalSourceName !== undefined) {
        const store = [...this.globalStores.entries()].find(([, g]) => g.sourceName === globalSourceName);
        const [storeName, global] = store as [string, GlobalStoreEntry];
        return { kind: 'global', id: group.id, sourceName: global.sourceName, processorName: global.processorName, storeName, topic: global.topic };
      }
      return { kind: 'subtopology', id: group.id, nodes: group.names.map((name) => describedNode(this.nodes.get(name) as NodeEntry)) };
    });
  }

  private isGlobalSource(name: string): boolean {
    const entry = this.nodes.get(name);
    return entry?.kind === 'source' && entry.topics.length === 1 && this.globalTopics.has(entry.topics[0]);
  }

  /** Every node's children, in the order they were added (a child listing a parent twice appears twice, as in Java). */
  private childrenByNode(): Map<string, string[]> {
    const children = new Map<string, string[]>();
    for (const name of this.nodes.keys()) children.set(name, []);
    for (const entry of this.nodes.values()) {
      if (entry.kind === 'source') continue;
      for (const parent of entry.predecessors) children.get(parent)?.push(entry.name);
    }
    return children;
  }

  private storeDefinition(name: string): StoreDefinition {
    const builder = (this.stores.get(name)?.builder ?? this.globalStores.get(name)?.builder) as StoreBuilder;
    const sourceTopic = this.storeToSourceTopic.get(name);
    if (sourceTopic !== undefined) return { name, builder, changelogTopic: sourceTopic, changelogIsSourceTopic: true };
    return { name, builder, changelogTopic: builder.loggingEnabled() ? `${name}-changelog` : null, changelogIsSourceTopic: false };
  }

  private globalStoreDefinition(id: number, source: SourceEntry, children: Map<string, string[]>): GlobalStoreDefinition {
    const [storeName, global] = [...this.globalStores.entries()].find(([, g]) => g.sourceName === source.name) as [string, GlobalStoreEntry];
    const processor = this.nodes.get(global.processorName) as ProcessorEntry;
    return {
      id,
      topic: global.topic,
      source: nodeDefinition(source, children) as SourceNodeDefinition,
      processor: nodeDefinition(processor, children) as ProcessorNodeDefinition,
      store: this.storeDefinition(storeName),
      reprocessOnRestore: global.reprocessOnRestore,
    };
  }

  // ---- co-partitioning ----

  private validateCopartitionGroups(): void {
    for (const group of this.copartitionSourceGroups) {
      for (const name of group) {
        const entry = this.nodes.get(name);
        if (entry === undefined || entry.kind !== 'source') {
          throw new TopologyError(
            `Co-partition group [${group.join(', ')}] names "${name}", which is not a source node: co-partition groups list source node names.`,
            { context: { processor: name } },
          );
        }
      }
      // Java's validateCopartition: when every topic of a group is an internal topic with a fixed
      // partition count, the counts must agree (other topics are checked at start-up, against the cluster).
      const topics = new Set(group.flatMap((name) => (this.nodes.get(name) as SourceEntry).topics));
      const counts = new Map<string, number>();
      for (const topic of topics) {
        const partitions = this.internalTopics.get(topic)?.partitions;
        if (partitions !== undefined && partitions !== null) counts.set(topic, partitions);
      }
      if (counts.size > 0 && counts.size === topics.size && new Set(counts.values()).size > 1) {
        const listed = [...counts.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([topic, n]) => `${topic}=${n}`)
          .join(', ');
        throw new TopologyError(
          `Following topics do not have the same number of partitions: [{${listed}}]. ` +
            'Topics that are joined must be co-partitioned: give their repartition topics the same number of partitions.',
        );
      }
    }
  }

  /** The co-partition groups as topic sets, merged where they share a topic (Java computes the same closure). */
  private copartitionTopicGroups(): string[][] {
    const union = new QuickUnion();
    const known = new Set<string>();
    for (const group of this.copartitionSourceGroups) {
      const topics = group.flatMap((name) => (this.nodes.get(name) as SourceEntry).topics);
      for (const topic of topics) {
        if (!known.has(topic)) {
          known.add(topic);
          union.add(topic);
        }
      }
      if (topics.length > 1) union.unite(topics[0], topics.slice(1));
    }
    const byRoot = new Map<string, string[]>();
    for (const topic of known) {
      const root = union.root(topic);
      byRoot.set(root, [...(byRoot.get(root) ?? []), topic]);
    }
    return [...byRoot.values()].map((topics) => topics.sort()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  // ---- validation ----

  private requireNewNodeName(name: string): void {
    const existing = this.nodes.get(name);
    if (existing !== undefined) {
      throw new TopologyError(
        `Processor ${name} is already added (as a ${existing.kind}): every source, processor and sink needs a unique name.`,
        { context: { processor: name } },
      );
    }
  }

  private requireParents(kind: 'Processor' | 'Sink', name: string, parentNames: readonly string[]): void {
    if (!Array.isArray(parentNames)) throw new TopologyError(`${kind} ${name}: parent names must be an array.`, { context: { processor: name } });
    if (parentNames.length === 0) {
      throw new TopologyError(`${kind} ${name} must have at least one parent: name the source or processor it reads from.`, {
        context: { processor: name },
      });
    }
    for (const parent of parentNames) {
      requireName(parent, `a parent of "${name}"`);
      if (parent === name) throw new TopologyError(`${kind} ${name} cannot be a predecessor of itself.`, { context: { processor: name } });
      const entry = this.nodes.get(parent);
      if (entry === undefined) {
        throw new TopologyError(`Parent processor ${parent} is not added yet for ${name}: add parents before their children.`, {
          context: { processor: name },
        });
      }
      if (entry.kind === 'sink') {
        throw new TopologyError(
          `Sink ${parent} cannot be used as a parent (of ${name}): a sink only writes to its topic. Read that topic with a source instead.`,
          { context: { processor: name } },
        );
      }
    }
  }

  private requireTopicNotRegistered(topic: string, sourceName: string): void {
    if (this.rawSourceTopics.has(topic) || this.globalTopics.has(topic)) {
      const other = [...this.nodes.values()].find((e) => e.kind === 'source' && e.topics.includes(topic));
      throw new TopologyError(
        `Topic ${topic} has already been registered by another source${other === undefined ? '' : ` (${other.name})`}, so "${sourceName}" cannot read it. ` +
          'Read each topic with one source and branch or share the resulting stream.',
        { context: { processor: sourceName, topic } },
      );
    }
    for (const entry of this.nodes.values()) {
      if (entry.kind === 'source' && entry.pattern !== null && topicMatchesPattern(entry.pattern, topic)) {
        throw new TopologyError(
          `Topic ${topic} matches pattern ${entry.pattern.source} already registered by source ${entry.name}, so "${sourceName}" cannot read it. ` +
            'Narrow the pattern or drop the extra source.',
          { context: { processor: sourceName, topic } },
        );
      }
    }
  }

  private requireConnectableProcessor(processorName: string, storeName: string): void {
    const entry = this.nodes.get(processorName);
    if (entry === undefined) {
      throw new TopologyError(`Processor ${processorName} is not added yet: add it before connecting store ${storeName} to it.`, {
        context: { processor: processorName, store: storeName },
      });
    }
    if (entry.kind !== 'processor') {
      throw new TopologyError(`cannot connect a state store ${storeName} to a source node or a sink node (${processorName} is a ${entry.kind}).`, {
        context: { processor: processorName, store: storeName },
      });
    }
  }

  private connect(processorName: string, storeName: string): void {
    const store = this.stores.get(storeName) as StoreEntry;
    // Processors sharing a store must run in one task: put them in one sub-topology.
    const [firstUser] = store.connectedProcessors;
    if (firstUser !== undefined) this.nodeGrouper.unite(firstUser, [processorName]);
    store.connectedProcessors.add(processorName);
    const processor = this.nodes.get(processorName) as ProcessorEntry;
    if (!processor.stores.includes(storeName)) processor.stores.push(storeName);
  }
}

function nodeDefinition(entry: NodeEntry, children: Map<string, string[]>): NodeDefinition {
  const successors = [...(children.get(entry.name) ?? [])];
  switch (entry.kind) {
    case 'source':
      return {
        kind: 'source',
        name: entry.name,
        topics: [...entry.topics],
        pattern: entry.pattern,
        keyDeserializer: entry.keyDeserializer,
        valueDeserializer: entry.valueDeserializer,
        timestampExtractor: entry.timestampExtractor,
        offsetReset: entry.offsetReset,
        successors,
      } satisfies SourceNodeDefinition;
    case 'processor':
      return {
        kind: 'processor',
        name: entry.name,
        createProcessor: entry.createProcessor,
        predecessors: [...entry.predecessors],
        successors,
        stores: [...entry.stores],
      } satisfies ProcessorNodeDefinition;
    case 'sink':
      return {
        kind: 'sink',
        name: entry.name,
        topic: entry.topic,
        keySerializer: entry.keySerializer,
        valueSerializer: entry.valueSerializer,
        partitioner: entry.partitioner,
        predecessors: [...entry.predecessors],
      } satisfies SinkNodeDefinition;
  }
}

function describedNode(entry: NodeEntry): DescribedNodeSpec {
  switch (entry.kind) {
    case 'source':
      return { kind: 'source', name: entry.name, topics: entry.topics, pattern: entry.pattern };
    case 'processor':
      return { kind: 'processor', name: entry.name, predecessors: entry.predecessors, stores: entry.stores };
    case 'sink':
      return { kind: 'sink', name: entry.name, predecessors: entry.predecessors, topic: entry.topic };
  }
}

/**
 * Java's ApiUtils.checkSupplier: a supplier that hands every task the same processor instance makes
 * tasks share state behind each other's backs. Calls the supplier twice, as Java does.
 */
function checkSupplier(name: string, createProcessor: ProcessorFactory): void {
  const first = createProcessor();
  const second = createProcessor();
  if (first === second && first !== null && first !== undefined) {
    throw new TopologyError(
      `The processor supplier of ${name} returned the same processor instance twice: #get() should not return the same object instance. ` +
        'Return a new processor on every call; each task needs its own.',
      { context: { processor: name } },
    );
  }
}

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TopologyError(`The name of ${what} must be a non-empty string, got ${describeValue(value)}.`);
  }
  return value;
}

function requireObject(value: unknown, message: string): void {
  if (value === null || typeof value !== 'object') throw new TopologyError(`${message}, got ${describeValue(value)}.`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

function pushOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}
