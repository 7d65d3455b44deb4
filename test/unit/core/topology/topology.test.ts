import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import type { Processor } from '../../../../src/core/processor/processor';
import { InternalTopologyBuilder } from '../../../../src/core/topology/internal-topology-builder';
import { Topology, internalTopologyBuilder, topologyFromBuilder } from '../../../../src/core/topology/topology';
import type { ProcessorNodeDefinition, SinkNodeDefinition, SourceNodeDefinition } from '../../../../src/core/topology/topology-model';
import { fakeStoreBuilder } from './fake-store-builder';

const noop = () => ({ process(): void {} });

function build(topology: Topology) {
  return internalTopologyBuilder(topology).build();
}

describe('Topology', () => {
  it('returns itself from every method, for chaining', () => {
    const topology = new Topology();
    expect(topology.addSource('source', 'in')).to.equal(topology);
    expect(topology.addProcessor('processor', noop, 'source')).to.equal(topology);
    expect(topology.addStateStore(fakeStoreBuilder('store'), 'processor')).to.equal(topology);
    expect(topology.addStateStore(fakeStoreBuilder('other'))).to.equal(topology);
    expect(topology.connectProcessorAndStateStores('processor', 'other')).to.equal(topology);
    expect(topology.addSink('sink', 'out', 'processor')).to.equal(topology);
  });

  describe('addSource', () => {
    it('takes a name and topics', () => {
      const source = build(new Topology().addSource('source', 'a', 'b')).subtopologies[0].nodes[0] as SourceNodeDefinition;
      expect(source).to.include({ name: 'source', pattern: null, offsetReset: null, keyDeserializer: null, timestampExtractor: null });
      expect(source.topics).to.deep.equal(['a', 'b']);
    });

    it('takes a name and a pattern', () => {
      const source = build(new Topology().addSource('source', /orders-.*/)).subtopologies[0].nodes[0] as SourceNodeDefinition;
      expect(source.pattern).to.deep.equal(/orders-.*/);
      expect(source.topics).to.deep.equal([]);
    });

    it('takes an options object with deserializers, timestamp extractor and offset reset', () => {
      const keyDeserializer = { deserialize: (_topic: string, data: Buffer | null) => (data === null ? null : data.toString()) };
      const valueDeserializer = { deserialize: (_topic: string, data: Buffer | null) => (data === null ? null : data.length) };
      const timestampExtractor = { extract: () => 0 };
      const topology = new Topology().addSource({ name: 'source', topics: ['in'], keyDeserializer, valueDeserializer, timestampExtractor, offsetReset: 'latest' });
      const source = build(topology).subtopologies[0].nodes[0] as SourceNodeDefinition;
      expect(source).to.include({ keyDeserializer, valueDeserializer, timestampExtractor, offsetReset: 'latest' });
    });

    it('rejects no topics (TopologyTest.shouldNotAllowZeroTopicsWhenAddingSource) and a pattern with topics', () => {
      expect(() => new Topology().addSource('source')).to.throw(TopologyError, 'you must provide at least one topic');
      expect(() => (new Topology().addSource as (...args: unknown[]) => Topology)('source', /a/, 'b')).to.throw(TopologyError, 'give one pattern');
    });
  });

  describe('addProcessor', () => {
    it('takes a function supplier and makes a new processor per call', () => {
      const processor = build(new Topology().addSource('source', 'in').addProcessor('processor', noop, 'source')).subtopologies[0].nodes[1] as ProcessorNodeDefinition;
      const a = processor.createProcessor();
      const b = processor.createProcessor();
      expect(a).to.not.equal(b);
      expect(a).to.have.property('process');
    });

    it("adds and connects the stores of an object supplier (Java's ConnectedStoreProvider)", () => {
      const store = fakeStoreBuilder('counts');
      let made = 0;
      const supplier = {
        get: (): Processor<string, string> => {
          made++;
          return { process(): void {} };
        },
        stores: () => [store],
      };
      const built = build(new Topology().addSource('source', 'in').addProcessor('processor', supplier, 'source'));
      const processor = built.subtopologies[0].nodes[1] as ProcessorNodeDefinition;
      expect(processor.stores).to.deep.equal(['counts']);
      expect(built.subtopologies[0].stores.map((s) => s.builder)).to.deep.equal([store]);
      const before = made;
      processor.createProcessor();
      expect(made).to.equal(before + 1);
    });

    it('shares a store between processors whose suppliers return the same builder (TopologyTest.shouldAllowToShareStoreUsingSameStoreBuilder)', () => {
      const store = fakeStoreBuilder('store');
      const supplier = { get: noop, stores: () => [store] };
      const topology = new Topology().addSource('source', 'topic-1').addProcessor('processor-1', supplier, 'source').addProcessor('processor-2', supplier, 'source');
      expect(topology.describe().toString()).to.contain('Processor: processor-2 (stores: [store])');
    });

    it('rejects a store of the same name from another builder (TopologyTest.shouldNotAllowToAddStoreWithSameNameAndDifferentInstance)', () => {
      const topology = new Topology().addStateStore(fakeStoreBuilder('store'));
      expect(() => topology.addStateStore(fakeStoreBuilder('store'))).to.throw(TopologyError, 'A different StateStore has already been added with the name store');
    });

    it('rejects a missing supplier (TopologyTest.shouldNotAllowNullProcessorSupplierWhenAddingProcessor)', () => {
      const topology = new Topology().addSource('source', 'in');
      expect(() => topology.addProcessor('processor', null as unknown as typeof noop, 'source')).to.throw(TopologyError, 'processor supplier');
    });

    it('rejects a store connected to a source or a sink (TopologyTest.shouldNotAllowToAddStateStoreToSource/Sink)', () => {
      const topology = new Topology().addSource('source-1', 'topic-1').addSink('sink-1', 'topic-2', 'source-1');
      expect(() => topology.addStateStore(fakeStoreBuilder('store'), 'source-1')).to.throw(TopologyError, 'to a source node or a sink node');
      expect(() => topology.addStateStore(fakeStoreBuilder('store'), 'sink-1')).to.throw(TopologyError, 'to a source node or a sink node');
      expect(() => topology.addStateStore(fakeStoreBuilder('store'), 'no-such-processor')).to.throw(TopologyError, 'Processor no-such-processor is not added yet');
    });

    it('rejects connecting no store names (TopologyTest.shouldNotAllowZeroStoreNameWhenConnectingProcessorAndStateStores)', () => {
      expect(() => new Topology().connectProcessorAndStateStores('processor')).to.throw(TopologyError, 'must provide at least one state store name');
    });
  });

  describe('addSink', () => {
    it('takes a name, a topic and parents', () => {
      const sink = build(new Topology().addSource('source', 'in').addSink('sink', 'out', 'source')).subtopologies[0].nodes[1] as SinkNodeDefinition;
      expect(sink).to.include({ name: 'sink', topic: 'out', keySerializer: null, partitioner: null });
      expect(sink.predecessors).to.deep.equal(['source']);
    });

    it('takes a TopicNameExtractor', () => {
      const route = (key: string) => `out-${key}`;
      const sink = build(new Topology().addSource('source', 'in').addSink('sink', route, 'source')).subtopologies[0].nodes[1] as SinkNodeDefinition;
      expect(sink.topic).to.equal(route);
      expect(build(new Topology().addSource('source', 'in').addSink('sink', route, 'source')).subtopologies[0].sinkTopics).to.deep.equal([]);
    });

    it('takes an options object with serializers and a partitioner', () => {
      const keySerializer = { serialize: (_topic: string, data: string | null) => (data === null ? null : Buffer.from(data)) };
      const valueSerializer = { serialize: (_topic: string, data: number | null) => (data === null ? null : Buffer.from(String(data))) };
      const partitioner = (_topic: string, key: string) => key.length;
      const topology = new Topology()
        .addSource('source', 'in')
        .addSink<string, number>({ name: 'sink', topic: 'out', keySerializer, valueSerializer, partitioner, parentNames: ['source'] });
      const sink = build(topology).subtopologies[0].nodes[1] as SinkNodeDefinition;
      expect(sink).to.include({ keySerializer, valueSerializer, partitioner });
    });

    it('rejects a sink as parent and a missing parent (TopologyTest.shouldFailIfSinkIsParent, shouldFailWithUnknownParent)', () => {
      const topology = new Topology().addSource('source', 'topic-1').addSink('sink-1', 'topic-2', 'source');
      expect(() => topology.addSink('sink-2', 'topic-3', 'sink-1')).to.throw(TopologyError, 'Sink sink-1 cannot be used as a parent');
      expect(() => new Topology().addSink('sink', 'topic-2', 'source')).to.throw(TopologyError, 'Parent processor source is not added yet');
      expect(() => topology.addSink('sink-3', 'topic-2')).to.throw(TopologyError, 'Sink sink-3 must have at least one parent');
    });
  });

  describe('global and read-only stores', () => {
    it('adds a global store restored by reprocessing (Topology.addGlobalStore)', () => {
      const store = fakeStoreBuilder('global', { logging: false });
      const keyDeserializer = { deserialize: () => 'k' };
      const built = build(
        new Topology().addGlobalStore({ storeBuilder: store, sourceName: 'gs', topic: 'gt', processorName: 'gp', stateUpdateSupplier: noop, keyDeserializer }),
      );
      expect(built.subtopologies).to.deep.equal([]);
      expect(built.globalStores[0].reprocessOnRestore).to.equal(true);
      expect(built.globalStores[0].source.keyDeserializer).to.equal(keyDeserializer);
    });

    it('rejects a global store with the same source and processor name (TopologyTest.shouldNotAllowToAddGlobalStoreWithSourceNameEqualsProcessorName)', () => {
      expect(() =>
        new Topology().addGlobalStore({
          storeBuilder: fakeStoreBuilder('anyName', { logging: false }),
          sourceName: 'sameName',
          topic: 'anyTopicName',
          processorName: 'sameName',
          stateUpdateSupplier: noop,
        }),
      ).to.throw(TopologyError, 'sourceName and processorName must be different');
    });

    it('gives a read-only store its own sub-topology, no logging and its topic as changelog (TopologyTest.readOnlyStateStores*)', () => {
      const store = fakeStoreBuilder('store');
      const topology = new Topology().addReadOnlyStateStore({ storeBuilder: store, sourceName: 'source', topic: 'topic', processorName: 'processor', stateUpdateSupplier: noop });
      expect(store.loggingEnabled()).to.equal(false);
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: source (topics: [topic])\n      --> processor\n' +
          '    Processor: processor (stores: [store])\n      --> none\n      <-- source\n\n',
      );
      const built = build(topology);
      expect((built.subtopologies[0].nodes[0] as SourceNodeDefinition).offsetReset).to.equal('earliest');
      expect(built.subtopologies[0].stores[0]).to.include({ changelogTopic: 'topic', changelogIsSourceTopic: true });
      expect(built.internalTopics).to.deep.equal([]);
    });
  });

  describe('internal builder access', () => {
    it('reaches the builder behind a topology, and wraps a DSL-filled builder in a Topology', () => {
      const builder = new InternalTopologyBuilder();
      builder.addSource({ name: 'source', topics: ['in'] });
      const topology = topologyFromBuilder(builder);
      expect(internalTopologyBuilder(topology)).to.equal(builder);
      expect(topology.describe().toString()).to.contain('Source: source (topics: [in])');
      topology.addSink('sink', 'out', 'source');
      expect(builder.hasNode('sink')).to.equal(true);
    });

    it('does not expose the builder as a property', () => {
      expect(Object.keys(new Topology())).to.deep.equal([]);
    });

    it('refuses an object that is not a Topology', () => {
      expect(() => internalTopologyBuilder({} as Topology)).to.throw(TopologyError, 'Not a kstreams Topology');
    });
  });
});
