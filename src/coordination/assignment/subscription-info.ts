// The subscription userData every member sends when it joins (Java's SubscriptionInfo): who it is,
// what it runs, and how far its local state of each task is, so the leader can assign.
//
// Version 1, after the header of userdata-codec.ts ("KS", 'S', version, latest supported version):
//   processId            16 bytes (UUID)
//   userEndpoint         string   application.server "host:port", or "" when unset
//   topologyFingerprint  string   BuiltTopology.fingerprint
//   numThreads           varint   stream threads behind this member (≥ 1)
//   rejoinEpoch          varint   bumped when this member wants a rebalance (see below)
//   errorCode            varint   AssignorErrorCode; SHUTDOWN_REQUESTED asks the group to stop
//   prevActiveTasks      task ids the member ran as active in the last generation
//   prevStandbyTasks     task ids it ran as standby (warm-ups included)
//   taskOffsetSums       task → signed varint, for every task with logged state in this process —
//                        owned or only on disk (Java's TaskManager#getTaskOffsetSums): LATEST_OFFSET (−2)
//                        for a RUNNING active task, else the sum of its changelog offsets (restoring
//                        and standby tasks: current; unowned task directories: their checkpoint)
// Task lists are grouped by sub-topology (userdata-codec.ts). Nothing may follow the last field.
//
// rejoinEpoch: the coordinator rebalances on a follower's rejoin only when its metadata changed
// (docs/development.md), so a follower that needs a rebalance bumps the epoch before it rejoins.
import { TaskAssignmentError } from '../../errors';
import type { AssignorErrorCode } from './assignor-error';
import { LATEST_OFFSET } from './task-lags';
import type { TaskId } from './task-id';
import { ByteReader, ByteWriter, isUuid, readHeader, readTaskIds, readTaskNumbers, writeHeader, writeTaskIds, writeTaskNumbers, USERDATA_INVALID } from './userdata-codec';

export const SUBSCRIPTION_VERSION = 1;
export const LATEST_SUPPORTED_SUBSCRIPTION_VERSION = 1;

export interface SubscriptionInfoFields {
  /** A UUID, fixed for the life of the process (Java: processId); several members may share it. */
  readonly processId: string;
  readonly userEndpoint: string;
  readonly topologyFingerprint: string;
  readonly numThreads: number;
  readonly rejoinEpoch: number;
  readonly errorCode: AssignorErrorCode | number;
  readonly prevActiveTasks: readonly TaskId[];
  readonly prevStandbyTasks: readonly TaskId[];
  readonly taskOffsetSums: ReadonlyMap<TaskId, number>;
}

export interface SubscriptionInfo extends SubscriptionInfoFields {
  readonly version: number;
  readonly latestSupportedVersion: number;
}

export function encodeSubscriptionInfo(info: SubscriptionInfoFields): Buffer {
  const problem = checkFields(info);
  if (problem !== null) throw new TaskAssignmentError(`Cannot encode the subscription userData: ${problem}.`, { code: USERDATA_INVALID });
  const writer = new ByteWriter();
  writeHeader(writer, 'S', SUBSCRIPTION_VERSION, LATEST_SUPPORTED_SUBSCRIPTION_VERSION);
  writer.uuid(info.processId).string(info.userEndpoint).string(info.topologyFingerprint);
  writer.varint(info.numThreads).varint(info.rejoinEpoch).varint(info.errorCode);
  writeTaskIds(writer, [...new Set(info.prevActiveTasks)]);
  writeTaskIds(writer, [...new Set(info.prevStandbyTasks)]);
  writeTaskNumbers(writer, info.taskOffsetSums);
  return writer.toBuffer();
}

/** Decodes and checks a subscription; a TaskAssignmentError (code USERDATA_INVALID or USERDATA_VERSION_UNSUPPORTED) says what is wrong. */
export function decodeSubscriptionInfo(userData: Buffer): SubscriptionInfo {
  const reader = new ByteReader(userData, 'subscription userData');
  const { version, latestSupportedVersion } = readHeader(reader, 'S', LATEST_SUPPORTED_SUBSCRIPTION_VERSION);
  const info: SubscriptionInfo = {
    version,
    latestSupportedVersion,
    processId: reader.uuid(),
    userEndpoint: reader.string(),
    topologyFingerprint: reader.string(),
    numThreads: reader.varint(),
    rejoinEpoch: reader.varint(),
    errorCode: reader.varint(),
    prevActiveTasks: readTaskIds(reader),
    prevStandbyTasks: readTaskIds(reader),
    taskOffsetSums: readTaskNumbers(reader),
  };
  reader.end();
  const problem = checkFields(info);
  if (problem !== null) reader.fail(problem);
  return info;
}

/** `host:port` with a port in 1–65535, or ''. IPv6 hosts go in brackets, as in a URL. */
export function isUserEndpoint(value: string): boolean {
  if (value === '') return true;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):([0-9]{1,5})$/.exec(value);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

function checkFields(info: SubscriptionInfoFields): string | null {
  if (!isUuid(info.processId)) return `processId "${info.processId}" is not a UUID`;
  if (!isUserEndpoint(info.userEndpoint)) return `userEndpoint "${info.userEndpoint}" is not host:port (application.server)`;
  if (info.topologyFingerprint === '') return 'the topology fingerprint is empty';
  if (!Number.isSafeInteger(info.numThreads) || info.numThreads < 1) return `numThreads ${info.numThreads} is not a positive integer`;
  if (!Number.isSafeInteger(info.rejoinEpoch) || info.rejoinEpoch < 0) return `rejoinEpoch ${info.rejoinEpoch} is not a non-negative integer`;
  if (!Number.isSafeInteger(info.errorCode) || info.errorCode < 0) return `errorCode ${info.errorCode} is not a non-negative integer`;
  for (const [task, sum] of info.taskOffsetSums) {
    if (sum !== LATEST_OFFSET && !(Number.isSafeInteger(sum) && sum >= 0)) {
      return `the offset sum of task ${task} is ${sum}: it must be a non-negative integer or LATEST_OFFSET (${LATEST_OFFSET})`;
    }
  }
  return null;
}
