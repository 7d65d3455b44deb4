import { expect } from 'chai';
import type { AssignedMember, AssignmentInfo } from '../../../../src/coordination/assignment/assignment-info';
import { defaultPartition, murmur2 } from '../../../../src/coordination/metadata/default-partitioner';
import { StreamsMetadataState } from '../../../../src/coordination/metadata/streams-metadata';
import type { PartitionsByTopic } from '../../../../src/coordination/group/assignment-readback';
import { Serdes } from '../../../../src/core/serde/serdes';

function member(memberId: string, endpoint: string, active: string[], standby: string[] = []): AssignedMember {
  const partitions = (tasks: string[]): PartitionsByTopic => (tasks.length === 0 ? {} : { input: tasks.map((t) => Number(t.split('_')[1])) });
  return { memberId, processId: '00000000-0000-0000-0000-00000000000' + memberId.slice(-1), userEndpoint: endpoint, activeTasks: active, standbyTasks: standby, warmupTasks: [], activePartitions: partitions(active), standbyPartitions: partitions(standby) };
}

function assignment(members: AssignedMember[]): AssignmentInfo {
  return {
    version: 1, latestSupportedVersion: 1, nonce: 'n', members, errorCode: 0, errorMessage: '', followupRebalanceDelayMs: -1,
    partitionsByMember: {}, activeTasksByMember: {}, standbyTasksByMember: {}, warmupTasksByMember: {}, partitionsByHost: {}, standbyPartitionsByHost: {},
  };
}

const topology = { subtopologies: [{ id: 0, sourceTopics: ['input'], stores: ['counts'] }] };
const counts = new Map([['input', 4]]);

describe('StreamsMetadataState', () => {
  const state = new StreamsMetadataState(topology, counts, assignment([
    member('m1', 'host-a:8080', ['0_0', '0_1'], ['0_2']),
    member('m2', 'host-b:8080', ['0_2', '0_3'], ['0_0', '0_1']),
  ]));

  it('lists every process with its active and standby stores and partitions', () => {
    expect(state.allClients().map((m) => [m.hostInfo.host, [...m.stateStoreNames], m.topicPartitions.map((tp) => tp.partition), [...m.standbyStateStoreNames]])).to.deep.equal([
      ['host-a', ['counts'], [0, 1], ['counts']],
      ['host-b', ['counts'], [2, 3], ['counts']],
    ]);
  });

  it('names the process that holds a key: the partition of its murmur2 hash among the source partitions', () => {
    for (const key of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      const partition = defaultPartition(Serdes.String().serializer().serialize('input', key)!, 4);
      const metadata = state.keyQueryMetadata('counts', key, Serdes.String().serializer())!;
      expect(metadata.partition, key).to.equal(partition);
      expect(metadata.activeHost.host, key).to.equal(partition < 2 ? 'host-a' : 'host-b');
      expect(metadata.standbyHosts.map((h) => h.host), key).to.deep.equal([partition < 2 ? 'host-b' : 'host-a']);
    }
  });

  it('uses a StreamPartitioner when one is given', () => {
    expect(state.keyQueryMetadata('counts', 'x', Serdes.String().serializer(), () => 3)!.activeHost.host).to.equal('host-b');
  });

  it('knows nothing before the first assignment, and refuses an unknown store', () => {
    expect(new StreamsMetadataState(topology, counts, null).keyQueryMetadata('counts', 'x', Serdes.String().serializer())).to.equal(null);
    expect(() => state.keyQueryMetadata('nope', 'x', Serdes.String().serializer())).to.throw(/no such store is registered in the topology/);
  });

  it("hashes as Kafka's murmur2 (UtilsTest vectors)", () => {
    expect(murmur2(Buffer.from('21'))).to.equal(-973932308);
    expect(murmur2(Buffer.from('abc'))).to.equal(479470107);
  });
});
