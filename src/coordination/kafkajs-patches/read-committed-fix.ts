// read_committed that really hides aborted records.
//
// kafkajs 2.2.4 decides which fetched records belong to aborted transactions in
// `src/consumer/filterAbortedMessages.js`, and it moves past at most ONE entry of the fetch
// response's aborted-transaction list per record (an `if` where a loop is needed), without
// sorting that list. A fetch that starts inside several overlapping aborted transactions — what
// a crashed process with several transactional tasks leaves in a partition — therefore delivers
// records of the ones it has not "entered" yet. kafkajs throws the aborted-transaction list away
// before user code sees a batch, so the fix cannot live in our fetch handler: the module itself
// is replaced in Node's require cache before kafkajs first loads it.
//
// The replacement follows the Java consumer (CompletedFetch#nextFetchedBatch): aborted
// transactions ordered by first offset; before each record batch of a producer, every aborted
// transaction that starts at or before the batch's last offset makes its producer "aborted";
// that producer's transactional records are dropped until its abort marker.
import { installModuleReplacement, kafkajsModulePath, kafkajsModulesRequiring, kafkajsVersion } from './kafkajs-location';

/** A record as kafkajs's fetch decoder hands it to the filter (only the fields we read). */
export interface FetchedRecord {
  offset: string;
  key?: Buffer | null;
  isControlRecord?: boolean;
  batchContext?: {
    firstOffset: string;
    lastOffsetDelta: number;
    producerId: string;
    inTransaction: boolean;
    isControlBatch: boolean;
  };
}

/** An entry of a fetch response's `aborted_transactions` list. */
export interface AbortedTransaction {
  producerId: string;
  firstOffset: string;
}

const ABORT_CONTROL_TYPE = 0;

function isAbortMarker(record: FetchedRecord): boolean {
  // A control record's key is int16 version + int16 type; type 0 is ABORT, 1 is COMMIT.
  const key = record.key;
  return record.batchContext?.isControlBatch === true && key != null && key.length >= 4 && Buffer.from(key).readInt16BE(2) === ABORT_CONTROL_TYPE;
}

/** The records of `messages` that are not part of an aborted transaction (control records are kept: kafkajs drops them next). */
export function filterAbortedMessages<R extends FetchedRecord>({ messages, abortedTransactions }: { messages: R[]; abortedTransactions?: AbortedTransaction[] }): R[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;

  const pending = [...abortedTransactions].sort((a, b) => compareOffsets(a.firstOffset, b.firstOffset));
  const abortedProducers = new Set<string>();

  return messages.filter((record) => {
    const batch = record.batchContext;
    if (!batch || BigInt(batch.producerId) < 0n) return true;

    const batchLastOffset = BigInt(batch.firstOffset) + BigInt(batch.lastOffsetDelta);
    while (pending.length > 0 && BigInt(pending[0].firstOffset) <= batchLastOffset) {
      abortedProducers.add(pending.shift()!.producerId);
    }

    if (isAbortMarker(record)) {
      abortedProducers.delete(batch.producerId);
      return true;
    }
    return !(batch.inTransaction && abortedProducers.has(batch.producerId));
  });
}

function compareOffsets(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

// --- installation into kafkajs -------------------------------------------------------------

const filterModulePath = kafkajsModulePath('src/consumer/filterAbortedMessages.js');
/** Set on the module that replaces kafkajs's filter, so that every copy of kstreams recognises it. */
const FIX_MARK = Symbol.for('kstreams.readCommittedFix');
const batchModulePath = kafkajsModulePath('src/consumer/batch.js');

export type ReadCommittedFixStatus =
  | { ok: true; kafkajsVersion: string; reloadedKafkajs: boolean }
  | { ok: false; kafkajsVersion: string; reason: string };

let status: ReadCommittedFixStatus | undefined;

/**
 * Puts the corrected filter in kafkajs's place. Idempotent. When kafkajs was loaded before
 * kstreams (its batch module already holds the original filter), the modules between kafkajs's
 * entry and its batch module are dropped from the require cache so that kstreams loads a fresh,
 * corrected consumer; the consumers the application makes from its own `Kafka` keep the original
 * behaviour, and everything else of kafkajs stays one copy.
 */
export function installReadCommittedFix(): ReadCommittedFixStatus {
  const cached = require.cache[filterModulePath] as (NodeJS.Module & { [FIX_MARK]?: true }) | undefined;
  // Another copy of kstreams in this process (another version, or src beside dist in tests) fixed
  // this kafkajs already: keep it, and the clients made from it keep working.
  if (cached?.exports !== filterAbortedMessages && cached?.[FIX_MARK] !== true) {
    const reloadedKafkajs = require.cache[batchModulePath] !== undefined;
    if (reloadedKafkajs) {
      // Only the modules that hold the original filter are loaded again: batch.js and every kafkajs
      // module that required it (consumerGroup.js ... up to kafkajs's entry), so kstreams gets a
      // Kafka class of its own with the fix. The rest (errors, protocol, network) stays shared with
      // the application's copy: clients load protocol modules lazily, and a second copy of
      // kafkajs's error classes would fail its own instanceof checks in the application's clients.
      for (const id of kafkajsModulesRequiring(batchModulePath)) delete require.cache[id];
    }
    installModuleReplacement(filterModulePath, filterAbortedMessages, FIX_MARK);
    status = selfCheck(reloadedKafkajs);
  }
  status ??= selfCheck(false);
  return status;
}

/** What the last installation found; `KafkaStreams.start()` refuses to run when it is not ok. */
export function readCommittedFixStatus(): ReadCommittedFixStatus {
  return status ?? installReadCommittedFix();
}

interface KafkajsBatch {
  messages: FetchedRecord[];
}
type KafkajsBatchClass = new (topic: string, fetchedOffset: string, partitionData: unknown) => KafkajsBatch;

/**
 * Runs kafkajs's own Batch (the class its fetcher uses) over a fetch that starts inside two
 * overlapping aborted transactions, and checks that none of their records survive.
 */
function selfCheck(reloadedKafkajs: boolean): ReadCommittedFixStatus {
  // Producers 1 and 2 write transactionally from offsets 0 and 1 and both abort (markers at 4 and 5);
  // producer 3's record at 6 is not transactional. The fetch starts at offset 2, inside both.
  const record = (offset: number, producerId: number, inTransaction: boolean, abortMarker = false): FetchedRecord => ({
    offset: String(offset),
    key: abortMarker ? Buffer.from([0, 0, 0, ABORT_CONTROL_TYPE]) : Buffer.from('k'),
    isControlRecord: abortMarker,
    batchContext: { firstOffset: String(offset), lastOffsetDelta: 0, producerId: String(producerId), inTransaction, isControlBatch: abortMarker },
  });
  const partitionData = {
    partition: 0,
    highWatermark: '7',
    abortedTransactions: [
      { producerId: '2', firstOffset: '1' },
      { producerId: '1', firstOffset: '0' },
    ],
    messages: [record(2, 1, true), record(3, 2, true), record(4, 1, true, true), record(5, 2, true, true), record(6, 3, false)],
  };
  try {
    const Batch = require(batchModulePath) as KafkajsBatchClass;
    const delivered = new Batch('kstreams-self-check', '2', partitionData).messages.map((m) => m.offset);
    if (delivered.length === 1 && delivered[0] === '6') return { ok: true, kafkajsVersion: kafkajsVersion(), reloadedKafkajs };
    return { ok: false, kafkajsVersion: kafkajsVersion(), reason: `kafkajs delivered aborted records at offsets [${delivered.join(', ')}] in the read_committed self-check (expected only [6])` };
  } catch (error) {
    return { ok: false, kafkajsVersion: kafkajsVersion(), reason: `the read_committed self-check could not run kafkajs's Batch: ${(error as Error).message}` };
  }
}
