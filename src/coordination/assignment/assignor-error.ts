// The error codes the leader puts in a member's assignment (Java's AssignorError, whose codes 0–4
// keep their numbers here; 5 and up are kstreams's own), and the error a member raises for each.
import { StreamsError, TaskAssignmentError, TopologyError } from '../../errors';
import { SOURCE_TOPIC_MISSING } from './topology-tasks';

export const AssignorErrorCode = {
  NONE: 0,
  /** A source topic is missing or has no partitions (Java: MissingSourceTopicException at the leader). */
  INCOMPLETE_SOURCE_TOPIC_METADATA: 1,
  /** The leader could not read the member's subscription: it is of a newer version. */
  VERSION_PROBING: 2,
  /** The leader could not assign (bad subscription, internal error). */
  ASSIGNMENT_ERROR: 3,
  /** An instance asked the whole application to shut down (Java: KIP-671). */
  SHUTDOWN_REQUESTED: 4,
  /** The member's topology fingerprint differs from the leader's: it gets no tasks. */
  TOPOLOGY_MISMATCH: 5,
  /** The leader's topology cannot run on these topics (co-partitioned topics differ in partition count...). */
  TOPOLOGY_INVALID: 6,
} as const;

export type AssignorErrorCode = (typeof AssignorErrorCode)[keyof typeof AssignorErrorCode];

/**
 * The error a member raises when its assignment carries `errorCode` (null for NONE). `message` is the
 * leader's explanation, carried in the assignment. Every one of them stops the instance, as in Java.
 */
export function assignorErrorToStreamsError(errorCode: number, message: string, memberId: string): StreamsError | null {
  const because = message === '' ? '' : `: ${message}`;
  switch (errorCode) {
    case AssignorErrorCode.NONE:
      return null;
    case AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA:
      return new TopologyError(`The group leader found source topics missing${because}`, { code: SOURCE_TOPIC_MISSING });
    case AssignorErrorCode.VERSION_PROBING:
      return new TaskAssignmentError(`The group leader could not read this member's (${memberId}) subscription${because}`, { code: 'ASSIGNMENT_VERSION_UNSUPPORTED' });
    case AssignorErrorCode.ASSIGNMENT_ERROR:
      return new TaskAssignmentError(`The group leader could not assign tasks${because}`);
    case AssignorErrorCode.SHUTDOWN_REQUESTED:
      return new StreamsError(`An instance of the application requested a shutdown of the whole application${because}`, { code: 'SHUTDOWN_REQUESTED' });
    case AssignorErrorCode.TOPOLOGY_MISMATCH:
      return new TopologyError(`This instance was refused tasks${because}`, { code: 'TOPOLOGY_FINGERPRINT_MISMATCH' });
    case AssignorErrorCode.TOPOLOGY_INVALID:
      return new TopologyError(`The group leader cannot run the topology${because}`);
    default:
      return new TaskAssignmentError(
        `The assignment carries error code ${errorCode}, which this version of kstreams does not know (is the group leader newer?)${because}`,
      );
  }
}
