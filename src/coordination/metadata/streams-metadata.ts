// Interactive-query metadata (Java's StreamsMetadataState): which process, by its
// application.server, holds which stores and partitions, and which one holds a given key — read
// from the assignment every member reads back after a rebalance. Pure: no Kafka.
import { StreamsError, UnknownStateStoreError } from '../../errors';
import type { Serializer } from '../../core/serde/serde';
import type { StreamPartitioner } from '../../core/topology/topology-model';
import type { AssignmentInfo } from '../assignment/assignment-info';
import type { PartitionsByTopic } from '../group/assignment-readback';
import { defaultPartition } from './default-partitioner';

export interface HostInfo {
  readonly host: string;
  readonly port: number;
}

export interface StreamsMetadata {
  readonly hostInfo: HostInfo;
  readonly stateStoreNames: ReadonlySet<string>;
  readonly topicPartitions: readonly { topic: string; partition: number }[];
  readonly standbyStateStoreNames: ReadonlySet<string>;
  readonly standbyTopicPartitions: readonly { topic: string; partition: number }[];
}

export interface KeyQueryMetadata {
  readonly activeHost: HostInfo;
  readonly standbyHosts: readonly HostInfo[];
  readonly partition: number;
}

/** What the metadata needs to know of the topology: the stores of each sub-topology and its source topics (full names). */
export interface MetadataTopology {
  readonly subtopologies: readonly { readonly id: number; readonly sourceTopics: readonly string[]; readonly stores: readonly string[] }[];
}

const UNAVAILABLE: HostInfo = Object.freeze({ host: 'unavailable', port: -1 });

export function parseHostInfo(endpoint: string): HostInfo {
  const at = endpoint.lastIndexOf(':');
  const port = Number(endpoint.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StreamsError(`application.server must be <host>:<port>, got '${endpoint}'`, { code: 'CONFIG_INVALID' });
  }
  return { host: endpoint.slice(0, at), port };
}

export class StreamsMetadataState {
  constructor(
    private readonly topology: MetadataTopology,
    private readonly partitionCounts: ReadonlyMap<string, number>,
    private readonly assignment: AssignmentInfo | null,
  ) {}

  /** Every process that has an application.server, with its stores and partitions (Java: metadataForAllStreamsClients). */
  allClients(): StreamsMetadata[] {
    if (!this.assignment) return [];
    const byHost = new Map<string, { active: Set<string>; standby: Set<string>; activeTp: PartitionsByTopic[]; standbyTp: PartitionsByTopic[] }>();
    for (const member of this.assignment.members) {
      if (member.userEndpoint === '') continue;
      let entry = byHost.get(member.userEndpoint);
      if (!entry) byHost.set(member.userEndpoint, (entry = { active: new Set(), standby: new Set(), activeTp: [], standbyTp: [] }));
      for (const task of member.activeTasks) for (const store of this.storesOfTask(task)) entry.active.add(store);
      for (const task of [...member.standbyTasks, ...member.warmupTasks]) for (const store of this.storesOfTask(task)) entry.standby.add(store);
      entry.activeTp.push(member.activePartitions);
      entry.standbyTp.push(member.standbyPartitions);
    }
    return [...byHost.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([endpoint, e]) => ({
        hostInfo: parseHostInfo(endpoint),
        stateStoreNames: e.active,
        topicPartitions: flatten(e.activeTp),
        standbyStateStoreNames: e.standby,
        standbyTopicPartitions: flatten(e.standbyTp),
      }));
  }

  /** The processes that hold `storeName` as active (Java: streamsMetadataForStore). */
  clientsForStore(storeName: string): StreamsMetadata[] {
    return this.allClients().filter((m) => m.stateStoreNames.has(storeName));
  }

  /**
   * Where `key` of `storeName` lives (Java: queryMetadataForKey): the partition the key's
   * serialized bytes map to among the store's sub-topology's source topics, and the hosts that
   * hold that task as active and as standby. Unknown while there is no assignment.
   */
  keyQueryMetadata<K>(storeName: string, key: K, keySerializer: Serializer<K>, partitioner?: StreamPartitioner<K, unknown>): KeyQueryMetadata | null {
    const subtopology = this.topology.subtopologies.find((s) => s.stores.includes(storeName));
    if (!subtopology) throw new UnknownStateStoreError(`Cannot get the metadata of state store ${storeName} because no such store is registered in the topology.`, { context: { store: storeName } });
    if (!this.assignment) return null;
    const [topic, numPartitions] = this.widestSourceTopic(subtopology.sourceTopics);
    let partition: number | undefined = partitioner?.(topic, key, null, numPartitions);
    if (partition === undefined) {
      const bytes = keySerializer.serialize(topic, key);
      if (bytes === null) throw new StreamsError(`the key of a store query must serialize to bytes (store ${storeName})`, { context: { store: storeName } });
      partition = defaultPartition(bytes, numPartitions);
    }
    const task = `${subtopology.id}_${partition}`;
    const active = this.assignment.members.find((m) => m.activeTasks.includes(task) && m.userEndpoint !== '');
    const standbys = this.assignment.members.filter((m) => (m.standbyTasks.includes(task) || m.warmupTasks.includes(task)) && m.userEndpoint !== '');
    return {
      activeHost: active ? parseHostInfo(active.userEndpoint) : UNAVAILABLE,
      standbyHosts: [...new Set(standbys.map((m) => m.userEndpoint))].sort().map(parseHostInfo),
      partition,
    };
  }

  private storesOfTask(task: string): readonly string[] {
    const subtopology = Number(task.slice(0, task.indexOf('_')));
    return this.topology.subtopologies.find((s) => s.id === subtopology)?.stores ?? [];
  }

  /** Java picks the source topic with the most partitions (StreamsMetadataState#getSourceTopicsInfo). */
  private widestSourceTopic(topics: readonly string[]): [string, number] {
    let best: [string, number] | undefined;
    for (const topic of topics) {
      const n = this.partitionCounts.get(topic);
      if (n !== undefined && (!best || n > best[1])) best = [topic, n];
    }
    if (!best) throw new StreamsError(`the partition counts of ${topics.join(', ')} are not known yet`, { code: 'STATE_STORE_NOT_AVAILABLE' });
    return best;
  }
}

function flatten(list: readonly PartitionsByTopic[]): { topic: string; partition: number }[] {
  const out: { topic: string; partition: number }[] = [];
  for (const byTopic of list) for (const [topic, partitions] of Object.entries(byTopic)) for (const partition of partitions) out.push({ topic, partition });
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
