// Learning tests: the kafkajs 2.2.4 admin calls internal-topic management (design-notes §5, §6)
// relies on, and what a consumer's subscribe does before its topic exists.
import { expect } from 'chai';
import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import { newKafka, quickConsumerSettings, TestTopics, uniqueName, waitUntil } from '../support/kafka';

describe('kafkajs 2.2.4 admin and topics', function () {
  this.timeout(30000);

  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;

  /** The topic's partition count, or the kafkajs error type when the broker does not know it. */
  async function partitionCount(topic: string): Promise<number | string> {
    try {
      const { topics: [metadata] } = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.partitions.length;
    } catch (e) {
      return (e as { type?: string }).type ?? String(e);
    }
  }

  async function topicConfig(topic: string, names: string[]): Promise<Record<string, { value: string; isDefault: boolean }>> {
    const { resources: [resource] } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
    });
    return Object.fromEntries(resource.configEntries.map((e) => [e.configName, { value: e.configValue, isDefault: e.isDefault }]));
  }

  before(async () => {
    kafka = newKafka('kafkajs-admin-topics');
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });

  afterEach(async () => {
    await topics.deleteAll();
  });

  after(async () => {
    await admin?.disconnect();
  });

  it('creates topics with cleanup.policy and retention.ms that describeConfigs reports back as set on the topic', async () => {
    const changelog = await topics.create('kjs-changelog', { numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] });
    const windowed = await topics.create('kjs-window-changelog', { numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact,delete' }, { name: 'retention.ms', value: '86400000' }] });
    const repartition = await topics.create('kjs-repartition', { numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '-1' }] });
    const names = ['cleanup.policy', 'retention.ms'];

    expect(await topicConfig(changelog, names)).to.deep.equal({
      'cleanup.policy': { value: 'compact', isDefault: false },
      // the broker's log.retention.ms=-1 (deploy/local-kafka), which a topic inherits: not "default"
      'retention.ms': { value: '-1', isDefault: false },
    });
    expect(await topicConfig(windowed, names)).to.deep.equal({
      'cleanup.policy': { value: 'compact,delete', isDefault: false },
      'retention.ms': { value: '86400000', isDefault: false },
    });
    expect(await topicConfig(repartition, names)).to.deep.equal({
      'cleanup.policy': { value: 'delete', isDefault: true },
      'retention.ms': { value: '-1', isDefault: false },
    });
  });

  it('returns false from createTopics for a topic that exists, without throwing and without changing it', async () => {
    const topic = await topics.create('kjs-exists', { numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] });

    // every member creates the internal topics before it subscribes: the losers of that race get false
    const again = await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 5, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }] });

    expect(again).to.equal(false);
    expect(await partitionCount(topic)).to.equal(3);
    expect((await topicConfig(topic, ['cleanup.policy']))['cleanup.policy'].value).to.equal('compact');
  });

  it('returns false from createTopics when any topic of the request exists, and still creates the others', async () => {
    // kafkajs returns false as soon as every error is TOPIC_ALREADY_EXISTS, and then skips its
    // waitForLeaders step: after a `false`, await the new topics' metadata before subscribing.
    const existing = await topics.create('kjs-exists');
    const fresh = topics.track(uniqueName('kjs-fresh'));

    const created = await admin.createTopics({ waitForLeaders: true, topics: [{ topic: existing, numPartitions: 1 }, { topic: fresh, numPartitions: 4 }] });

    expect(created).to.equal(false);
    await waitUntil(async () => (await partitionCount(fresh)) === 4, `${fresh} with 4 partitions`);
  });

  it('reports the partition count in fetchTopicMetadata, and UNKNOWN_TOPIC_OR_PARTITION once deleteTopics has removed the topic', async () => {
    const topic = await topics.create('kjs-delete', { numPartitions: 6 });
    expect(await partitionCount(topic)).to.equal(6);

    await admin.deleteTopics({ topics: [topic] });

    await waitUntil(async () => (await partitionCount(topic)) === 'UNKNOWN_TOPIC_OR_PARTITION', `${topic} to be unknown`);
    expect((await admin.listTopics()).includes(topic)).to.equal(false);
  });

  it('rejects subscribe to a missing topic at once with a retriable UNKNOWN_TOPIC_OR_PARTITION (auto.create.topics.enable=false), and the same consumer can subscribe once the topic exists', async () => {
    // Observed: kafkajs asks for the topic's metadata inside subscribe(); the broker answers
    // UNKNOWN_TOPIC_OR_PARTITION and kafkajs throws it on the first attempt (a few ms, no retries),
    // as a KafkaJSProtocolError marked retriable. It forgets the topic again, so the consumer is
    // still usable. Nothing creates the topic (the broker would only on auto.create.topics.enable).
    const { brokers: [broker] } = await admin.describeCluster();
    const { resources: [brokerConfig] } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: ['auto.create.topics.enable'] }],
    });
    expect(brokerConfig.configEntries.map((e) => [e.configName, e.configValue])).to.deep.equal([['auto.create.topics.enable', 'false']]);

    const topic = uniqueName('kjs-missing');
    const consumer = kafka.consumer({ groupId: uniqueName('kjs-missing-group'), ...quickConsumerSettings });
    const requests: string[] = [];
    consumer.on(consumer.events.REQUEST, (event) => {
      requests.push(event.payload.apiName);
    });
    await consumer.connect();
    try {
      requests.length = 0;
      const error = await consumer.subscribe({ topics: [topic] }).then(() => undefined, (e: unknown) => e);
      expect(error).to.include({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true });
      expect(requests, 'one Metadata request, not retried').to.deep.equal(['Metadata']);
      expect(await partitionCount(topic)).to.equal('UNKNOWN_TOPIC_OR_PARTITION');

      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: topics.track(topic), numPartitions: 2 }] });
      await consumer.subscribe({ topics: [topic] });
    } finally {
      await consumer.disconnect();
    }
  });
});
