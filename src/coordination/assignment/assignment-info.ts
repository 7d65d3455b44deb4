// The assignment userData the leader sends each member (Java's AssignmentInfo). kafkajs hands a
// member only its topic-partitions and drops this userData; the member reads it back with
// describeGroups (group/assignment-readback.ts). So it carries the whole group's assignment — every
// member's tasks and partitions, under one nonce — which is also what the read-back check needs.
//
// Version 1, after the header of userdata-codec.ts ("KS", 'A', version, latest supported version):
//   nonce                     string   the same in every member's userData of one rebalance
//   topics                    count, strings (sorted): the topic dictionary for the partition lists
//   members                   count, then per member (sorted by member id):
//     memberId string, processId 16 bytes, userEndpoint string,
//     activeTasks, standbyTasks, warmupTasks (task lists grouped by sub-topology),
//     activePartitions, standbyPartitions (count, then [topic index, count, partitions...]);
//     standbyPartitions are the input partitions of the standby and warm-up tasks
//   errorCode                 varint   for this member (AssignorErrorCode); NONE = 0
//   errorMessage              string   the leader's explanation, "" with NONE
//   followupRebalanceDelayMs  signed varint: rebalance again after this long (probing), −1 for never
// Nothing may follow the last field.
import { TaskAssignmentError } from '../../errors';
import type { PartitionsByTopic } from '../group/assignment-readback';
import type { AssignorErrorCode } from './assignor-error';
import type { TaskId } from './task-id';
import { ByteReader, ByteWriter, isUuid, readHeader, readTaskIds, writeHeader, writeTaskIds, USERDATA_INVALID } from './userdata-codec';
import { isUserEndpoint } from './subscription-info';

export const ASSIGNMENT_VERSION = 1;
export const LATEST_SUPPORTED_ASSIGNMENT_VERSION = 1;
export const NO_FOLLOWUP_REBALANCE = -1;

export interface AssignedMember {
  readonly memberId: string;
  readonly processId: string;
  /** application.server of the member's process, '' when unset. */
  readonly userEndpoint: string;
  readonly activeTasks: readonly TaskId[];
  readonly standbyTasks: readonly TaskId[];
  readonly warmupTasks: readonly TaskId[];
  /** What kafkajs hands the member: the input partitions of its active tasks. */
  readonly activePartitions: PartitionsByTopic;
  readonly standbyPartitions: PartitionsByTopic;
}

export interface AssignmentInfoFields {
  readonly nonce: string;
  readonly members: readonly AssignedMember[];
  readonly errorCode: AssignorErrorCode | number;
  readonly errorMessage: string;
  /** Rebalance again after this many ms (a probing rebalance), or NO_FOLLOWUP_REBALANCE. */
  readonly followupRebalanceDelayMs: number;
}

/** A decoded assignment, with the by-member and by-host views a member uses; a ReadBackEnvelope (nonce, partitionsByMember) for readBackAssignment. */
export interface AssignmentInfo extends AssignmentInfoFields {
  readonly version: number;
  readonly latestSupportedVersion: number;
  /** member id → its active partitions (the read-back envelope's field). */
  readonly partitionsByMember: Record<string, PartitionsByTopic>;
  readonly activeTasksByMember: Record<string, readonly TaskId[]>;
  readonly standbyTasksByMember: Record<string, readonly TaskId[]>;
  readonly warmupTasksByMember: Record<string, readonly TaskId[]>;
  /** application.server → the active partitions of its process (interactive-query routing); members without one are left out. */
  readonly partitionsByHost: Record<string, PartitionsByTopic>;
  readonly standbyPartitionsByHost: Record<string, PartitionsByTopic>;
}

export function encodeAssignmentInfo(info: AssignmentInfoFields): Buffer {
  const problem = checkFields(info);
  if (problem !== null) throw new TaskAssignmentError(`Cannot encode the assignment userData: ${problem}.`, { code: USERDATA_INVALID });
  const members = [...info.members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const topics = [...new Set(members.flatMap((m) => [...Object.keys(m.activePartitions), ...Object.keys(m.standbyPartitions)]))].sort();
  const topicIndex = new Map(topics.map((topic, i) => [topic, i]));
  const writer = new ByteWriter();
  writeHeader(writer, 'A', ASSIGNMENT_VERSION, LATEST_SUPPORTED_ASSIGNMENT_VERSION);
  writer.string(info.nonce).varint(topics.length);
  for (const topic of topics) writer.string(topic);
  writer.varint(members.length);
  for (const member of members) {
    writer.string(member.memberId).uuid(member.processId).string(member.userEndpoint);
    writeTaskIds(writer, member.activeTasks);
    writeTaskIds(writer, member.standbyTasks);
    writeTaskIds(writer, member.warmupTasks);
    writePartitions(writer, member.activePartitions, topicIndex);
    writePartitions(writer, member.standbyPartitions, topicIndex);
  }
  writer.varint(info.errorCode).string(info.errorMessage).signedVarint(info.followupRebalanceDelayMs);
  return writer.toBuffer();
}

/** Decodes and checks an assignment; a TaskAssignmentError (code USERDATA_INVALID or USERDATA_VERSION_UNSUPPORTED) says what is wrong. */
export function decodeAssignmentInfo(userData: Buffer): AssignmentInfo {
  const reader = new ByteReader(userData, 'assignment userData');
  const { version, latestSupportedVersion } = readHeader(reader, 'A', LATEST_SUPPORTED_ASSIGNMENT_VERSION);
  const nonce = reader.string();
  const topics: string[] = [];
  for (let n = reader.count(); n > 0; n--) topics.push(reader.string());
  if (new Set(topics).size !== topics.length) reader.fail('the topic dictionary lists a topic twice');
  const members: AssignedMember[] = [];
  for (let n = reader.count(23); n > 0; n--) {
    members.push({
      memberId: reader.string(),
      processId: reader.uuid(),
      userEndpoint: reader.string(),
      activeTasks: readTaskIds(reader),
      standbyTasks: readTaskIds(reader),
      warmupTasks: readTaskIds(reader),
      activePartitions: readPartitions(reader, topics),
      standbyPartitions: readPartitions(reader, topics),
    });
  }
  const fields: AssignmentInfoFields = {
    nonce,
    members,
    errorCode: reader.varint(),
    errorMessage: reader.string(),
    followupRebalanceDelayMs: reader.signedVarint(),
  };
  reader.end();
  const problem = checkFields(fields);
  if (problem !== null) reader.fail(problem);
  return { version, latestSupportedVersion, ...fields, ...views(members) };
}

/** The member of `info` with id `memberId`, if it is there. */
export function ownAssignment(info: AssignmentInfoFields, memberId: string): AssignedMember | undefined {
  return info.members.find((member) => member.memberId === memberId);
}

function views(members: readonly AssignedMember[]) {
  const byMember = <T>(pick: (member: AssignedMember) => T): Record<string, T> => Object.fromEntries(members.map((m) => [m.memberId, pick(m)]));
  const byHost = (pick: (member: AssignedMember) => PartitionsByTopic): Record<string, PartitionsByTopic> => {
    const hosts: Record<string, PartitionsByTopic> = {};
    for (const member of members) {
      if (member.userEndpoint === '') continue;
      hosts[member.userEndpoint] = mergePartitions(hosts[member.userEndpoint] ?? {}, pick(member));
    }
    return hosts;
  };
  return {
    partitionsByMember: byMember((m) => m.activePartitions),
    activeTasksByMember: byMember((m) => m.activeTasks),
    standbyTasksByMember: byMember((m) => m.standbyTasks),
    warmupTasksByMember: byMember((m) => m.warmupTasks),
    partitionsByHost: byHost((m) => m.activePartitions),
    standbyPartitionsByHost: byHost((m) => m.standbyPartitions),
  };
}

function mergePartitions(a: PartitionsByTopic, b: PartitionsByTopic): PartitionsByTopic {
  const merged: PartitionsByTopic = {};
  for (const topic of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    merged[topic] = [...new Set([...(a[topic] ?? []), ...(b[topic] ?? [])])].sort((x, y) => x - y);
  }
  return merged;
}

function writePartitions(writer: ByteWriter, partitions: PartitionsByTopic, topicIndex: ReadonlyMap<string, number>): void {
  const topics = Object.keys(partitions)
    .filter((topic) => partitions[topic].length > 0)
    .sort();
  writer.varint(topics.length);
  for (const topic of topics) {
    const list = [...new Set(partitions[topic])].sort((x, y) => x - y);
    writer.varint(topicIndex.get(topic) as number).varint(list.length);
    for (const partition of list) writer.varint(partition);
  }
}

function readPartitions(reader: ByteReader, topics: readonly string[]): PartitionsByTopic {
  const partitions: PartitionsByTopic = {};
  for (let n = reader.count(2); n > 0; n--) {
    const index = reader.varint();
    if (index >= topics.length) reader.fail(`topic index ${index} is outside the topic dictionary of ${topics.length}`);
    const topic = topics[index];
    if (partitions[topic] !== undefined) reader.fail(`topic ${topic} is listed twice in one partition list`);
    const list: number[] = [];
    for (let p = reader.count(); p > 0; p--) {
      const partition = reader.varint();
      if (list.length > 0 && partition <= list[list.length - 1]) reader.fail(`the partitions of topic ${topic} are not strictly increasing`);
      list.push(partition);
    }
    partitions[topic] = list;
  }
  return partitions;
}

function checkFields(info: AssignmentInfoFields): string | null {
  if (info.nonce === '') return 'the nonce is empty';
  const ids = new Set<string>();
  for (const member of info.members) {
    if (ids.has(member.memberId)) return `member ${member.memberId} is listed twice`;
    ids.add(member.memberId);
    if (!isUuid(member.processId)) return `processId "${member.processId}" of member ${member.memberId} is not a UUID`;
    if (!isUserEndpoint(member.userEndpoint)) return `userEndpoint "${member.userEndpoint}" of member ${member.memberId} is not host:port`;
    for (const partitions of [member.activePartitions, member.standbyPartitions]) {
      for (const [topic, list] of Object.entries(partitions)) {
        if (topic === '' || list.some((p) => !Number.isSafeInteger(p) || p < 0)) return `member ${member.memberId} has a bad partition list for topic "${topic}"`;
      }
    }
  }
  if (!Number.isSafeInteger(info.errorCode) || info.errorCode < 0) return `errorCode ${info.errorCode} is not a non-negative integer`;
  if (!Number.isSafeInteger(info.followupRebalanceDelayMs) || info.followupRebalanceDelayMs < NO_FOLLOWUP_REBALANCE) {
    return `followupRebalanceDelayMs ${info.followupRebalanceDelayMs} is neither a delay nor NO_FOLLOWUP_REBALANCE (-1)`;
  }
  return null;
}
