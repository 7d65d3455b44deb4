import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import '../../../../src/coordination/kafkajs-patches';
import { groupMessagesPerPartition, linearGroupingStatus, type GroupMessagesPerPartition, type GroupingArgs } from '../../../../src/coordination/kafkajs-patches/linear-grouping';
import { kafkajsModulePath, loadOriginalModule } from '../../../../src/coordination/kafkajs-patches/kafkajs-location';

/** kafkajs's own groupMessagesPerPartition, loaded beside the installed replacement. */
function originalKafkajsGrouping(): GroupMessagesPerPartition {
  return loadOriginalModule<GroupMessagesPerPartition>(kafkajsModulePath('src/producer/groupMessagesPerPartition.js'));
}

interface TestMessage {
  value: string;
  partition: number;
}

function args(partitions: readonly number[], metadataPartitions = 16): GroupingArgs<TestMessage> {
  return {
    topic: 't',
    partitionMetadata: Array.from({ length: metadataPartitions }, (_, partitionId) => ({ partitionId })),
    messages: partitions.map((partition, i) => ({ value: `m${i}`, partition })),
    partitioner: ({ message }) => message.partition,
  };
}

/** Partition → values, in the object's own key order. */
const grouped = (groups: Record<string, TestMessage[]>): [string, string[]][] => Object.entries(groups).map(([p, ms]) => [p, ms.map((m) => m.value)]);

describe('linear per-partition grouping for the kafkajs producer', () => {
  it('groups exactly as kafkajs does: partitions in ascending order, messages in the order given, the same message objects', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 13;
    const input = args(Array.from({ length: 500 }, next));
    const expected = originalKafkajsGrouping()(input);
    const actual = groupMessagesPerPartition(input);
    expect(grouped(actual)).to.deep.equal(grouped(expected));
    expect(Object.keys(actual)).to.deep.equal(Array.from({ length: 13 }, (_, p) => String(p)));
    for (const p of Object.keys(expected)) actual[p].forEach((m, i) => expect(m).to.equal(expected[p][i]));
  });

  it('returns an empty grouping when the topic has no partition metadata, as kafkajs does', () => {
    const input = args([0, 1, 2], 0);
    expect(groupMessagesPerPartition(input)).to.deep.equal(originalKafkajsGrouping()(input)).and.deep.equal({});
  });

  it('groups 200 000 messages of one partition in linear time (kafkajs copies the array per message)', () => {
    const input = args(new Array<number>(200_000).fill(3));
    const started = Date.now();
    const groups = groupMessagesPerPartition(input);
    expect(Date.now() - started).to.be.below(1_000);
    expect(groups['3']).to.have.length(200_000);
    expect(groups['3'][199_999].value).to.equal('m199999');
  });

  it("is what kafkajs's producer uses once kstreams is loaded, and the self-check passes", () => {
    expect(linearGroupingStatus()).to.deep.include({ ok: true, kafkajsVersion: '2.2.4' });
    expect(require.cache[kafkajsModulePath('src/producer/groupMessagesPerPartition.js')]?.exports).to.equal(groupMessagesPerPartition);
  });

  it("builds kafkajs's produce request with the partitions in ascending order and each partition's messages in order", async () => {
    // kafkajs's own sendMessages against a fake one-broker cluster: the fake broker captures the request
    const createSendMessages = require(kafkajsModulePath('src/producer/sendMessages.js')) as (deps: Record<string, unknown>) => (a: Record<string, unknown>) => Promise<unknown>;
    let request: { topic: string; partitions: { partition: number; messages: TestMessage[] }[] }[] = [];
    const broker = {
      nodeId: 1,
      produce: async ({ topicData }: { topicData: typeof request }) => {
        request = topicData;
        return { topics: [] };
      },
    };
    const metadata = [0, 1, 2, 3].map((partitionId) => ({ partitionId, leader: 1 }));
    const send = createSendMessages({
      logger: { debug: () => undefined, error: () => undefined },
      cluster: {
        targetTopics: new Set(),
        refreshMetadataIfNecessary: async () => undefined,
        addMultipleTargetTopics: async () => undefined,
        findTopicPartitionMetadata: () => metadata,
        findLeaderForPartitions: (_topic: string, partitions: string[]) => ({ 1: partitions.map(Number) }),
        findBroker: async () => broker,
        isConnected: () => true,
      },
      partitioner: ({ message }: { message: TestMessage }) => message.partition,
      eosManager: {
        isTransactional: () => false,
        acquireBrokerLock: async () => undefined,
        releaseBrokerLock: async () => undefined,
        getSequence: () => 0,
        updateSequence: () => undefined,
        getProducerId: () => 1,
        getProducerEpoch: () => 0,
      },
      retrier: (fn: (bail: (e: Error) => never) => Promise<unknown>) =>
        fn((e) => {
          throw e;
        }),
    });
    const { messages } = args([3, 1, 3, 0, 1, 3]);
    await send({ acks: -1, topicMessages: [{ topic: 't', messages }] });
    expect(request.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.messages.map((m) => m.value)])])).to.deep.equal([
      ['t', [[0, ['m3']], [1, ['m1', 'm4']], [3, ['m0', 'm2', 'm5']]]],
    ]);
  });

  it("reloads kstreams's kafkajs producer with the linear grouping when the application loaded kafkajs first", () => {
    const root = path.resolve(__dirname, '../../../..');
    const script = [
      "const app = require('kafkajs');",
      "require('./src/index.ts');",
      "const s = require('./src/coordination/kafkajs-patches/linear-grouping.ts');",
      "const sendMessages = require.cache[require.resolve('kafkajs/src/producer/sendMessages.js')];",
      "const used = sendMessages.children.find((c) => c.filename.endsWith('groupMessagesPerPartition.js')).exports === s.groupMessagesPerPartition;",
      "process.stdout.write(JSON.stringify({ status: s.linearGroupingStatus(), used, newKafka: require('kafkajs').Kafka !== app.Kafka }));",
    ].join(' ');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ status: { ok: true, kafkajsVersion: '2.2.4', reloadedProducer: true }, used: true, newKafka: true });
  });
});
