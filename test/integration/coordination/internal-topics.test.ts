import { expect } from 'chai';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { createTopicsAndAwaitLeaders, ensureInternalTopics } from '../../../src/coordination/internal-topics';
import { Serdes } from '../../../src/core/serde/serdes';
import { Stores } from '../../../src/core/state/stores';
import { InternalTopologyBuilder } from '../../../src/core/topology/internal-topology-builder';
import { newKafka, TestTopics, uniqueName } from '../support/kafka';

describe('ensureInternalTopics (broker)', function () {
  this.timeout(30000);
  const kafka = newKafka('internal-topics-test');
  let admin: Admin;
  let topics: TestTopics;

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });
  after(async () => {
    await topics.deleteAll();
    await admin.disconnect();
  });

  function topology(input: string) {
    const b = new InternalTopologyBuilder();
    b.addSource({ name: 'src', topics: [input] });
    b.addProcessor('select', () => ({ process: () => undefined }), ['src']);
    b.addInternalTopic('rep', { kind: 'repartition' });
    b.addSink({ name: 'rep-sink', topic: 'rep', parentNames: ['select'] });
    b.addSource({ name: 'rep-src', topics: ['rep'] });
    b.addProcessor('agg', () => ({ process: () => undefined }), ['rep-src']);
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long()), ['agg']);
    return b.build();
  }

  it('creates the repartition and changelog topics once, with their partition counts and configs, when several members race', async () => {
    const input = await topics.create('it-input', { numPartitions: 3 });
    const appId = uniqueName('it-app');
    const built = topology(input);
    const admins = [kafka.admin(), kafka.admin()];
    await Promise.all(admins.map((a) => a.connect()));
    try {
      await Promise.all(admins.map((a) => ensureInternalTopics(a, appId, built, 1)));
    } finally {
      await Promise.all(admins.map((a) => a.disconnect()));
    }
    const names = [`${appId}-rep`, `${appId}-counts-changelog`];
    names.forEach((n) => topics.track(n));
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
    expect(metadata.map((t) => [t.name, t.partitions.length])).to.have.deep.members([[names[0], 3], [names[1], 3]]);
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy', 'retention.ms'] })) });
    const config = (name: string, key: string) => described.resources.find((r) => r.resourceName === name)!.configEntries.find((e) => e.configName === key)!.configValue;
    expect(config(names[0], 'cleanup.policy')).to.equal('delete');
    expect(config(names[0], 'retention.ms')).to.equal('-1');
    expect(config(names[1], 'cleanup.policy')).to.equal('compact');
  });

  it('refuses an existing internal topic whose partition count does not fit the topology', async () => {
    const input = await topics.create('it-input', { numPartitions: 2 });
    const appId = uniqueName('it-app');
    topics.track(`${appId}-rep`);
    topics.track(`${appId}-counts-changelog`);
    await createTopicsAndAwaitLeaders(admin, [{ topic: `${appId}-rep`, numPartitions: 5 }]);
    let error: unknown;
    await ensureInternalTopics(admin, appId, topology(input), 1).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal(`existing internal topic ${appId}-rep has 5 partitions, the topology needs 2: run the application reset tool or delete the topic`);
  });
});
