// Linear per-partition grouping of a producer request's messages.
//
// kafkajs 2.2.4 groups the messages of every `send`/`sendBatch` per partition in
// `src/producer/groupMessagesPerPartition.js` with `Object.assign(result, { [partition]: [...current, message] })`:
// one copy of the partition's array per message, so time and garbage grow with the square of the
// messages per partition of one request (57% of the main thread's CPU in the word-count benchmark,
// docs/benchmarks.md). The replacement does the same grouping with `push`: the same object, the same
// keys in the same order (partitions are integer keys, enumerated in ascending order, as before),
// the same messages in the same order within each partition.
//
// kafkajs's sendMessages.js holds the function it required, so the module is replaced in Node's
// require cache before kafkajs's producer loads it, as the read_committed fix does with its module;
// when the producer modules were loaded already (the application required kafkajs first), the
// modules that hold the original are dropped from the cache and load again with the replacement.
import { installModuleReplacement, kafkajsModulePath, kafkajsModulesRequiring, kafkajsVersion, loadOriginalModule } from './kafkajs-location';

/** What kafkajs passes to the grouping (only the fields it reads). */
export interface GroupingArgs<M> {
  topic: string;
  partitionMetadata: readonly unknown[];
  messages: readonly M[];
  partitioner: (args: { topic: string; partitionMetadata: readonly unknown[]; message: M }) => number;
}

export type GroupMessagesPerPartition = <M>(args: GroupingArgs<M>) => Record<string, M[]>;

/** kafkajs's groupMessagesPerPartition, in time linear in the number of messages. */
export function groupMessagesPerPartition<M>({ topic, partitionMetadata, messages, partitioner }: GroupingArgs<M>): Record<string, M[]> {
  const result: Record<string, M[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    const current = result[partition];
    if (current === undefined) result[partition] = [message];
    else current.push(message);
  }
  return result;
}

// --- installation into kafkajs -------------------------------------------------------------

const groupingModulePath = kafkajsModulePath('src/producer/groupMessagesPerPartition.js');
const sendMessagesModulePath = kafkajsModulePath('src/producer/sendMessages.js');
/** Set on the replacement module, so that every copy of kstreams in the process recognises it. */
const PATCH_MARK = Symbol.for('kstreams.linearGrouping');

export type LinearGroupingStatus =
  | { ok: true; kafkajsVersion: string; reloadedProducer: boolean }
  | { ok: false; kafkajsVersion: string; reason: string };

let status: LinearGroupingStatus | undefined;

/**
 * Puts the linear grouping in kafkajs's place, once it has been checked to group exactly as
 * kafkajs's own function does (otherwise kafkajs keeps its own, and the status says why).
 * Idempotent; a copy of kstreams that finds another copy's replacement keeps it.
 */
export function installLinearGrouping(): LinearGroupingStatus {
  if (status !== undefined) return status;
  const cached = require.cache[groupingModulePath] as (NodeJS.Module & { [PATCH_MARK]?: true }) | undefined;
  if (cached?.[PATCH_MARK] === true) {
    status = checkSendMessages(false);
    return status;
  }
  const original = loadOriginal();
  const mismatch = original instanceof Error ? `kafkajs's groupMessagesPerPartition could not be loaded: ${original.message}` : compareWithOriginal(original);
  if (mismatch !== null) {
    status = { ok: false, kafkajsVersion: kafkajsVersion(), reason: `${mismatch}; kafkajs keeps its own grouping` };
    return status;
  }
  // The producer modules hold the original when they were loaded before kstreams: load them again.
  const reloadedProducer = require.cache[sendMessagesModulePath] !== undefined;
  if (reloadedProducer) for (const id of kafkajsModulesRequiring(groupingModulePath)) delete require.cache[id];
  installModuleReplacement(groupingModulePath, groupMessagesPerPartition, PATCH_MARK);
  status = checkSendMessages(reloadedProducer);
  return status;
}

/** What the installation found. */
export function linearGroupingStatus(): LinearGroupingStatus {
  return status ?? installLinearGrouping();
}

/** kafkajs's own grouping, or why it could not be loaded. */
function loadOriginal(): GroupMessagesPerPartition | Error {
  try {
    return loadOriginalModule<GroupMessagesPerPartition>(groupingModulePath);
  } catch (error) {
    return error as Error;
  }
}

/**
 * Both functions over the same messages: 12 partitions first met out of order, several messages
 * per partition, and no partition metadata. Null when they agree (keys in the same order, the same
 * message objects in the same order), else what differs.
 */
function compareWithOriginal(original: GroupMessagesPerPartition): string | null {
  const partitionOf = (i: number): number => (i * 7 + (i >> 3)) % 12;
  const messages = Array.from({ length: 60 }, (_, i) => ({ value: `m${i}`, partition: partitionOf(i) }));
  const cases: GroupingArgs<{ value: string; partition: number }>[] = [
    { topic: 't', partitionMetadata: Array.from({ length: 12 }, (_, p) => ({ partitionId: p })), messages, partitioner: ({ message }) => message.partition },
    { topic: 't', partitionMetadata: [], messages, partitioner: ({ message }) => message.partition },
  ];
  for (const args of cases) {
    const expected = original(args);
    const actual = groupMessagesPerPartition(args);
    const same =
      sameKeys(Object.keys(actual), Object.keys(expected)) &&
      Object.keys(expected).every((key) => actual[key].length === expected[key].length && actual[key].every((m, i) => m === expected[key][i]));
    if (!same) return `the linear grouping differs from kafkajs's own (${JSON.stringify(summary(expected))} expected, got ${JSON.stringify(summary(actual))})`;
  }
  return null;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

function summary(groups: Record<string, { value: string }[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(groups).map(([p, ms]) => [p, ms.map((m) => m.value)]));
}

/**
 * Checks that kafkajs's sendMessages (the step of its producer that groups a request's messages)
 * holds the replacement. The unit tests also run it against a fake cluster.
 */
function checkSendMessages(reloadedProducer: boolean): LinearGroupingStatus {
  try {
    require(sendMessagesModulePath);
    const used = require.cache[sendMessagesModulePath]?.children.find((child) => child.filename === groupingModulePath) as (NodeJS.Module & { [PATCH_MARK]?: true }) | undefined;
    if (used?.[PATCH_MARK] === true) return { ok: true, kafkajsVersion: kafkajsVersion(), reloadedProducer };
    return { ok: false, kafkajsVersion: kafkajsVersion(), reason: "kafkajs's sendMessages does not use the linear grouping" };
  } catch (error) {
    return { ok: false, kafkajsVersion: kafkajsVersion(), reason: `kafkajs's sendMessages could not be loaded: ${(error as Error).message}` };
  }
}
