// Internal topics (repartition and changelog), created idempotently by every member before it
// subscribes: kafkajs's subscribe fails at once on a topic that does not exist yet. Partition
// counts follow Java's StreamsPartitionAssignor/CopartitionedTopicsEnforcer: a repartition topic
// has as many partitions as the sub-topologies writing into it read, a changelog as many as its
// sub-topology has tasks, and co-partitioned topics must agree.
import type { Admin, ITopicConfig } from 'kafkajs';
import { StreamsError, TopologyError } from '../errors';
import type { BuiltTopology, InternalTopicDefinition, SubtopologyDefinition } from '../core/topology/topology-model';

export interface InternalTopicsPlan {
  /** Every topic the topology reads or keeps state in (full names) → its partition count. */
  readonly partitions: ReadonlyMap<string, number>;
  /** The internal topics to create (full names). */
  readonly internal: readonly { name: string; partitions: number; config: Readonly<{ [key: string]: string }> }[];
}

/**
 * Computes partition counts for the internal topics from the partition counts of the user's
 * source topics (`sourcePartitions`, by unprefixed name). Pure: no Kafka.
 */
export function planInternalTopics(applicationId: string, built: BuiltTopology, sourcePartitions: ReadonlyMap<string, number>): InternalTopicsPlan {
  const internalByName = new Map(built.internalTopics.map((t) => [t.name, t]));
  const counts = new Map<string, number>();
  for (const [topic, n] of sourcePartitions) if (!internalByName.has(topic)) counts.set(topic, n);
  for (const t of built.internalTopics) if (t.kind === 'repartition' && t.partitions !== null) counts.set(t.name, t.partitions);

  const missing = new Set<string>();
  for (const s of built.subtopologies) for (const t of s.sourceTopics) if (!internalByName.has(t) && !counts.has(t)) missing.add(t);
  if (missing.size > 0) {
    throw new StreamsError(`source topic(s) ${[...missing].sort().join(', ')} do not exist: create them before starting the application`, {
      code: 'MISSING_SOURCE_TOPICS',
      fatal: true,
      context: { topic: [...missing].sort().join(',') },
    });
  }

  resolveRepartitionCounts(built, counts);
  enforceCopartitioning(built, internalByName, counts);

  const internal: { name: string; partitions: number; config: Readonly<{ [key: string]: string }> }[] = [];
  for (const t of built.internalTopics) {
    const partitions = t.kind === 'changelog' ? tasksOf(owningSubtopology(built, t), counts) : counts.get(t.name);
    if (partitions === undefined) throw new TopologyError(`could not compute the partition count of internal topic ${t.name}`);
    counts.set(t.name, partitions);
    internal.push({ name: `${applicationId}-${t.name}`, partitions, config: t.config });
  }
  const partitions = new Map<string, number>();
  for (const [topic, n] of counts) partitions.set(internalByName.has(topic) ? `${applicationId}-${topic}` : topic, n);
  return { partitions, internal };
}

/** A repartition topic without a fixed count gets the largest task count of the sub-topologies writing into it. */
function resolveRepartitionCounts(built: BuiltTopology, counts: Map<string, number>): void {
  const pending = built.internalTopics.filter((t) => t.kind === 'repartition' && !counts.has(t.name));
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const writers = built.subtopologies.filter((s) => s.sinkTopics.includes(pending[i].name));
      const upstream = writers.map((s) => tasksOf(s, counts));
      if (upstream.length === 0 || upstream.some((n) => n === undefined)) continue;
      counts.set(pending[i].name, Math.max(...(upstream as number[])));
      pending.splice(i, 1);
      progress = true;
    }
  }
  if (pending.length > 0) {
    throw new TopologyError(`could not compute the partition count of repartition topic(s) ${pending.map((t) => t.name).join(', ')}: no sub-topology with known input writes into them`);
  }
}

/** Java's CopartitionedTopicsEnforcer: user topics of a group must agree; repartition topics follow them. */
function enforceCopartitioning(built: BuiltTopology, internalByName: ReadonlyMap<string, InternalTopicDefinition>, counts: Map<string, number>): void {
  for (const group of built.copartitionGroups) {
    const fixed = group.filter((t) => !internalByName.has(t) || internalByName.get(t)!.partitions !== null);
    const distinct = new Set(fixed.map((t) => counts.get(t)));
    if (distinct.size > 1) {
      const detail = fixed.map((t) => `${t} (${counts.get(t)} partitions)`).join(', ');
      throw new TopologyError(`co-partitioned topics have different partition counts: ${detail}. Topics joined or combined must have the same number of partitions; repartition one of them (KStream#repartition) to match.`);
    }
    const target = fixed.length > 0 ? counts.get(fixed[0])! : Math.max(...group.map((t) => counts.get(t) ?? 0));
    for (const t of group) if (internalByName.has(t) && internalByName.get(t)!.partitions === null) counts.set(t, target);
  }
}

function tasksOf(subtopology: SubtopologyDefinition, counts: ReadonlyMap<string, number>): number | undefined {
  const known = subtopology.sourceTopics.map((t) => counts.get(t));
  if (known.length === 0 || known.some((n) => n === undefined)) return undefined;
  return Math.max(...(known as number[]));
}

function owningSubtopology(built: BuiltTopology, changelog: InternalTopicDefinition): SubtopologyDefinition {
  const owner = built.subtopologies.find((s) => s.stores.some((store) => store.name === changelog.store));
  if (!owner) throw new TopologyError(`changelog ${changelog.name} belongs to no sub-topology`);
  return owner;
}

/**
 * Reads the source topics' partition counts, creates the internal topics that do not exist yet,
 * and checks the ones that do. Safe to run from every member at once.
 */
export async function ensureInternalTopics(admin: Admin, applicationId: string, built: BuiltTopology, replicationFactor: number): Promise<InternalTopicsPlan> {
  const internalNames = new Set(built.internalTopics.map((t) => t.name));
  const userTopics = [...new Set(built.subtopologies.flatMap((s) => s.sourceTopics).filter((t) => !internalNames.has(t)))];
  const existing = await listTopicsWith(admin, userTopics, 5_000);
  // listed by one broker, a new topic may still be unknown to the one asked for its metadata: retried
  const sourcePartitions = await partitionCounts(admin, userTopics.filter((t) => existing.has(t)), { retryUnknownMs: 10_000 });
  const plan = planInternalTopics(applicationId, built, sourcePartitions);

  const toCreate: ITopicConfig[] = plan.internal
    .filter((t) => !existing.has(t.name))
    .map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor, configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })) }));
  // false means another member created some of them first: fine (the learning tests pin that
  // kafkajs still creates the others)
  if (toCreate.length > 0) await createTopicsAndAwaitLeaders(admin, toCreate);
  const actual = await partitionCounts(admin, plan.internal.map((t) => t.name), { retryUnknownMs: 10000 });
  for (const t of plan.internal) {
    if (actual.get(t.name) !== t.partitions) {
      throw new StreamsError(`existing internal topic ${t.name} has ${actual.get(t.name)} partitions, the topology needs ${t.partitions}: run the application reset tool or delete the topic`, {
        code: 'INTERNAL_TOPIC_MISMATCH',
        context: { topic: t.name },
      });
    }
  }
  return plan;
}

/**
 * Creates topics and waits until every partition has a leader. kafkajs's `waitForLeaders` asks one
 * broker for the new topics' metadata, and on a cluster of several KRaft brokers that broker may
 * not list them yet: kafkajs then fails with UNKNOWN_TOPIC_OR_PARTITION instead of waiting, so the
 * wait goes on here, through whichever broker knows them. Resolves false when some topic existed.
 */
export async function createTopicsAndAwaitLeaders(admin: Admin, topics: readonly ITopicConfig[], timeoutMs = 30_000): Promise<boolean> {
  try {
    return await admin.createTopics({ topics: [...topics], waitForLeaders: true });
  } catch (error) {
    if ((error as { type?: unknown }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
    await partitionCounts(admin, topics.map((t) => t.topic), { retryUnknownMs: timeoutMs, requireLeaders: true });
    return true;
  }
}

/**
 * Partition counts of the topics that exist among `topics` (output topics, which need not exist
 * yet), and the names of those that do not.
 */
export async function existingPartitionCounts(admin: Admin, topics: readonly string[]): Promise<{ counts: Map<string, number>; missing: string[] }> {
  if (topics.length === 0) return { counts: new Map(), missing: [] };
  const existing = await listTopicsWith(admin, topics, 2_000);
  const counts = await partitionCounts(admin, topics.filter((t) => existing.has(t)), { retryUnknownMs: 10_000 });
  return { counts, missing: topics.filter((t) => !existing.has(t)) };
}

class LeaderNotAvailable extends Error {}

/**
 * The cluster's topics, asked again for up to `waitMs` while one of `wanted` is missing: the broker
 * asked may not list a topic another broker created a moment ago (several KRaft brokers).
 */
async function listTopicsWith(admin: Admin, wanted: readonly string[], waitMs: number): Promise<Set<string>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const existing = new Set(await admin.listTopics());
    if (wanted.every((t) => existing.has(t)) || Date.now() > deadline) return existing;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function partitionCounts(admin: Admin, topics: readonly string[], { retryUnknownMs = 0, requireLeaders = false } = {}): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (topics.length === 0) return out;
  const deadline = Date.now() + retryUnknownMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
      const leaderless = metadata.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (requireLeaders && leaderless.length > 0) throw new LeaderNotAvailable(`no leader yet for a partition of ${leaderless.map((t) => t.name).join(', ')}`);
      for (const t of metadata) out.set(t.name, t.partitions.length);
      return out;
    } catch (error) {
      // a topic another member (or this one) just created may not be in every broker's metadata yet
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
