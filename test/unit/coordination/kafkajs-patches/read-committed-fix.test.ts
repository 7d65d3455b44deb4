import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { filterAbortedMessages, readCommittedFixStatus, type AbortedTransaction, type FetchedRecord } from '../../../../src/coordination/kafkajs-patches/read-committed-fix';
import { kafkajsModulePath, loadOriginalModule } from '../../../../src/coordination/kafkajs-patches/kafkajs-location';

type Filter = typeof filterAbortedMessages;

/** kafkajs's own filterAbortedMessages, loaded beside the installed replacement. */
function originalKafkajsFilter(): Filter {
  return loadOriginalModule<Filter>(kafkajsModulePath('src/consumer/filterAbortedMessages.js'));
}

/** One record per batch, as a transactional or plain producer writes it. */
function record(offset: number, producerId: number, options: { inTransaction?: boolean; abortMarker?: boolean; commitMarker?: boolean } = {}): FetchedRecord {
  const control = options.abortMarker === true || options.commitMarker === true;
  return {
    offset: String(offset),
    key: control ? Buffer.from([0, 0, 0, options.abortMarker ? 0 : 1]) : Buffer.from(`k${offset}`),
    isControlRecord: control,
    batchContext: { firstOffset: String(offset), lastOffsetDelta: 0, producerId: String(producerId), inTransaction: options.inTransaction ?? true, isControlBatch: control },
  };
}

const aborted = (producerId: number, firstOffset: number): AbortedTransaction => ({ producerId: String(producerId), firstOffset: String(firstOffset) });
const dataOffsets = (records: FetchedRecord[]): string[] => records.filter((r) => !r.isControlRecord).map((r) => r.offset);

describe('read_committed fix for kafkajs', () => {
  // Three producers interleave transactions from offsets 0, 1, 2 and all abort; producer 9 then
  // commits. A fetch that starts at offset 2 begins inside all three aborted transactions.
  const interleaved = [record(2, 3), record(3, 1), record(4, 2), record(5, 3), record(6, 1, { abortMarker: true }), record(7, 2, { abortMarker: true }), record(8, 3, { abortMarker: true }), record(9, 9), record(10, 9, { commitMarker: true })];
  const overlapping = [aborted(1, 0), aborted(2, 1), aborted(3, 2)];

  it('pins the kafkajs 2.2.4 bug: its filter leaks records of overlapping aborted transactions', () => {
    const leaked = dataOffsets(originalKafkajsFilter()({ messages: interleaved, abortedTransactions: overlapping }));
    // offset 2 (producer 3) arrives when kafkajs has "entered" only producer 1's transaction
    expect(leaked).to.deep.equal(['2', '9'], 'kafkajs changed: if it no longer leaks, the replacement may be removable');
  });

  it('delivers only committed records when a fetch starts inside several aborted transactions', () => {
    expect(dataOffsets(filterAbortedMessages({ messages: interleaved, abortedTransactions: overlapping }))).to.deep.equal(['9']);
  });

  it('does not depend on the order of the aborted-transaction list', () => {
    const shuffled = [overlapping[2], overlapping[0], overlapping[1]];
    expect(dataOffsets(filterAbortedMessages({ messages: interleaved, abortedTransactions: shuffled }))).to.deep.equal(['9']);
  });

  it("keeps a producer's committed transaction that follows its aborted one", () => {
    const messages = [record(0, 1), record(1, 1, { abortMarker: true }), record(2, 1), record(3, 1, { commitMarker: true })];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [aborted(1, 0)] }))).to.deep.equal(['2']);
  });

  it('drops two aborted transactions of one producer in a row', () => {
    const messages = [record(0, 1), record(1, 1, { abortMarker: true }), record(2, 1), record(3, 1, { abortMarker: true }), record(4, 2, { inTransaction: false })];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [aborted(1, 2), aborted(1, 0)] }))).to.deep.equal(['4']);
  });

  it('keeps non-transactional records and records of producers with no aborted transaction', () => {
    const messages = [record(0, 1), record(1, 5, { inTransaction: false }), record(2, -1, { inTransaction: false }), record(3, 1, { abortMarker: true })];
    expect(dataOffsets(filterAbortedMessages({ messages, abortedTransactions: [aborted(1, 0)] }))).to.deep.equal(['1', '2']);
  });

  it('returns the same array when the fetch reported no aborted transaction', () => {
    const messages = [record(0, 1)];
    expect(filterAbortedMessages({ messages, abortedTransactions: [] })).to.equal(messages);
  });

  it("is what kafkajs's Batch uses once kstreams is loaded, and the self-check passes", () => {
    require('../../../../src/index');
    const status = readCommittedFixStatus();
    expect(status).to.deep.include({ ok: true, kafkajsVersion: '2.2.4' });
    expect(require.cache[kafkajsModulePath('src/consumer/filterAbortedMessages.js')]?.exports).to.equal(filterAbortedMessages);
  });

  it('reloads kstreams\'s kafkajs with the fix when the application loaded kafkajs first', () => {
    const root = path.resolve(__dirname, '../../../..');
    const script = "require('kafkajs'); require('./src/index.ts'); const s = require('./src/coordination/kafkajs-patches/read-committed-fix.ts').readCommittedFixStatus(); process.stdout.write(JSON.stringify(s));";
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ ok: true, kafkajsVersion: '2.2.4', reloadedKafkajs: true });
  });

  it('reloads only the consumer modules then: the application\'s kafkajs and kstreams\'s share its error classes and protocol', () => {
    const root = path.resolve(__dirname, '../../../..');
    // the application's clients load protocol modules lazily; a second copy of errors.js would fail kafkajs's own instanceof checks
    const script = [
      "const app = require('kafkajs');",
      "const errors = require.cache[require.resolve('kafkajs/src/errors.js')].exports;",
      "require('./src/index.ts');",
      "const own = require('kafkajs');",
      "process.stdout.write(JSON.stringify({ newKafka: own.Kafka !== app.Kafka, sharedErrors: require.cache[require.resolve('kafkajs/src/errors.js')].exports === errors && own.KafkaJSAggregateError === app.KafkaJSAggregateError }));",
    ].join(' ');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ newKafka: true, sharedErrors: true });
  });

  it('keeps the kafkajs that another copy of kstreams in the process fixed, so clients made from it keep working', () => {
    const root = path.resolve(__dirname, '../../../..');
    // a second copy: kstreams's own modules dropped from the require cache and loaded again (as dist/ beside src/ in the integration tests)
    const script = [
      "const path = require('node:path');",
      "require('./src/index.ts');",
      "const first = require('kafkajs');",
      "const group = require.cache[require.resolve('kafkajs/src/consumer/consumerGroup.js')].exports.prototype;",
      "const heartbeat = group.heartbeat;",
      "for (const id of Object.keys(require.cache)) if (id.startsWith(path.join(process.cwd(), 'src') + path.sep)) delete require.cache[id];",
      "require('./src/index.ts');",
      "const s = require('./src/coordination/kafkajs-patches/read-committed-fix.ts').readCommittedFixStatus();",
      "process.stdout.write(JSON.stringify({ status: s, sameKafkajs: require('kafkajs') === first, wrappedOnce: group.heartbeat === heartbeat }));",
    ].join(' ');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ status: { ok: true, kafkajsVersion: '2.2.4', reloadedKafkajs: false }, sameKafkajs: true, wrappedOnce: true });
  });
});
