// The tasks of a built topology, given the partition counts of its topics (Java's PartitionGrouper
// and CopartitionedTopicsEnforcer): a sub-topology has one task per partition of its widest source
// topic, and task `<s>_<p>` reads partition p of every source topic of sub-topology s that has one.
// The assignor works on these task ids; the task router maps fetched partitions back to them.
import { TopologyError } from '../../errors';
import { topicMatchesPattern } from '../../core/topology/topic-pattern';
import { compareTaskIds, taskId, type TaskId } from './task-id';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * What task derivation reads of a BuiltTopology (a BuiltTopology is one): topic names are unprefixed,
 * as the topology builder keeps them; internal topics get the `<application.id>-` prefix here.
 */
export interface TaskTopology {
  readonly subtopologies: readonly {
    readonly id: number;
    readonly sourceTopics: readonly string[];
    readonly sourcePatterns: readonly RegExp[];
    readonly stores: readonly { readonly name: string; readonly changelogTopic: string | null; readonly changelogIsSourceTopic: boolean }[];
  }[];
  readonly internalTopics: readonly { readonly name: string; readonly kind: 'repartition' | 'changelog' }[];
  readonly copartitionGroups: readonly (readonly string[])[];
}

export interface TaskDefinition {
  readonly id: TaskId;
  readonly subtopology: number;
  readonly partition: number;
  /** Java's "stateful task": it has at least one changelog (a store with logging off does not count: it has nothing to restore). */
  readonly stateful: boolean;
  /** The source topic-partitions the task reads (real topic names), sorted. */
  readonly inputPartitions: readonly TopicPartition[];
  /** One partition (the task's) of every changelog of its stores (real names), sorted; source-topic changelogs included. */
  readonly changelogPartitions: readonly TopicPartition[];
}

export interface TopologyTasks {
  /** Sorted by sub-topology, then partition. */
  readonly tasks: readonly TaskDefinition[];
  readonly byId: ReadonlyMap<TaskId, TaskDefinition>;
  /** Real source topic name → partition → the task that reads it (the task router's table). */
  readonly taskByTopicPartition: ReadonlyMap<string, ReadonlyMap<number, TaskId>>;
  /** The task that reads a source topic-partition, or undefined when no task reads it. */
  taskFor(topic: string, partition: number): TaskId | undefined;
  /** Real names of every source topic the tasks read (pattern matches included), sorted. */
  readonly sourceTopics: readonly string[];
}

export interface DeriveTasksOptions {
  readonly applicationId: string;
  /**
   * Real topic name → partition count, for every topic the tasks read (internal repartition topics
   * included, under their prefixed names). Pattern sources match against these names.
   */
  readonly partitionCounts: ReadonlyMap<string, number>;
}

/** Code of the TopologyError thrown when a source topic has no partition count (Java: MissingSourceTopicException). */
export const SOURCE_TOPIC_MISSING = 'SOURCE_TOPIC_MISSING';
/** Code of the TopologyError thrown when co-partitioned topics have different partition counts. */
export const TOPICS_NOT_COPARTITIONED = 'TOPICS_NOT_COPARTITIONED';

/**
 * The tasks of `topology` for the given partition counts. Throws a TopologyError when a source topic
 * is missing (code SOURCE_TOPIC_MISSING) or when co-partitioned topics differ in partition count
 * (code TOPICS_NOT_COPARTITIONED); both name the topics and what to fix.
 */
export function deriveTasks(topology: TaskTopology, { applicationId, partitionCounts }: DeriveTasksOptions): TopologyTasks {
  const internalNames = new Set(topology.internalTopics.map((t) => t.name));
  const realName = (topic: string): string => (internalNames.has(topic) ? `${applicationId}-${topic}` : topic);
  const ownInternalTopics = new Set([...internalNames].map((name) => `${applicationId}-${name}`));
  const knownTopics = [...partitionCounts.keys()].sort();

  const partitionsOf = (topic: string, readBy: string): number => {
    const count = partitionCounts.get(topic);
    if (count === undefined || !Number.isSafeInteger(count) || count <= 0) {
      throw new TopologyError(
        `Source topic ${topic} (read by ${readBy}) ${count === undefined ? 'does not exist' : `has an invalid partition count ${String(count)}`}: ` +
          'create it before starting the application (internal topics are created by kstreams at start-up).',
        { code: SOURCE_TOPIC_MISSING, context: { topic } },
      );
    }
    return count;
  };

  checkCopartitioning(topology.copartitionGroups.map((group) => group.map(realName)), (topic) => partitionsOf(topic, 'a co-partition group'));

  const tasks: TaskDefinition[] = [];
  const taskByTopicPartition = new Map<string, Map<number, TaskId>>();
  for (const subtopology of [...topology.subtopologies].sort((a, b) => a.id - b.id)) {
    const readBy = `sub-topology ${subtopology.id}`;
    const topics = new Set(subtopology.sourceTopics.map(realName));
    for (const pattern of subtopology.sourcePatterns) {
      for (const topic of knownTopics) {
        // an application's own internal topics are never pattern-subscribed (a /.*/ source would read its changelogs)
        if (!ownInternalTopics.has(topic) && topicMatchesPattern(pattern, topic)) topics.add(topic);
      }
    }
    const sortedTopics = [...topics].sort();
    const counts = new Map(sortedTopics.map((topic) => [topic, partitionsOf(topic, readBy)]));
    const taskCount = Math.max(0, ...counts.values());
    const changelogs = subtopology.stores
      .filter((store) => store.changelogTopic !== null)
      .map((store) => (store.changelogIsSourceTopic ? realName(store.changelogTopic as string) : `${applicationId}-${store.changelogTopic as string}`));
    const changelogTopics = [...new Set(changelogs)].sort();

    for (let partition = 0; partition < taskCount; partition++) {
      const id = taskId(subtopology.id, partition);
      const inputPartitions = sortedTopics.filter((topic) => partition < (counts.get(topic) as number)).map((topic) => ({ topic, partition }));
      for (const { topic } of inputPartitions) {
        let byPartition = taskByTopicPartition.get(topic);
        if (byPartition === undefined) taskByTopicPartition.set(topic, (byPartition = new Map()));
        byPartition.set(partition, id);
      }
      tasks.push({
        id,
        subtopology: subtopology.id,
        partition,
        stateful: changelogTopics.length > 0,
        inputPartitions,
        changelogPartitions: changelogTopics.map((topic) => ({ topic, partition })),
      });
    }
  }
  tasks.sort((a, b) => compareTaskIds(a.id, b.id));

  return {
    tasks,
    byId: new Map(tasks.map((task) => [task.id, task])),
    taskByTopicPartition,
    taskFor: (topic, partition) => taskByTopicPartition.get(topic)?.get(partition),
    sourceTopics: [...taskByTopicPartition.keys()].sort(),
  };
}

function checkCopartitioning(groups: readonly (readonly string[])[], partitionsOf: (topic: string) => number): void {
  for (const group of groups) {
    const counts = [...new Set(group)].sort().map((topic) => [topic, partitionsOf(topic)] as const);
    if (new Set(counts.map(([, count]) => count)).size > 1) {
      const listed = counts.map(([topic, count]) => `${topic}=${count}`).join(', ');
      throw new TopologyError(
        `Topics not co-partitioned: [${listed}]. Topics that are joined (or otherwise co-partitioned) must have the same ` +
          'number of partitions: repartition the smaller side (repartition() / Repartitioned.withNumberOfPartitions) or recreate the topics.',
        { code: TOPICS_NOT_COPARTITIONED, context: { topics: counts.map(([topic]) => topic), partitionCounts: counts.map(([, count]) => count) } },
      );
    }
  }
}
