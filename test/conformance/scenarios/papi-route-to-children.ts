// Twin of PapiRouteToChildren.java: forward(record, childName) routes to one child; forward(record) to all.
import { Serdes, Topology, type Processor, type ProcessorContext, type Record } from '../../../src/index';

/** Even values to "evens-sink", odd ones to "tripler"; zero to every child. */
class Router implements Processor<string, number, string, number> {
  private context!: ProcessorContext<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
  }

  process(record: Record<string, number>): void {
    if (record.value === 0) this.context.forward(record);
    else if (record.value % 2 === 0) this.context.forward(record, 'evens-sink');
    else this.context.forward(record.withKey(`${record.key}-odd`), 'tripler');
  }
}

class Tripler implements Processor<string, number, string, number> {
  private context!: ProcessorContext<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
  }

  process(record: Record<string, number>): void {
    this.context.forward(record.withValue(record.value * 3));
  }
}

export function topology(): Topology {
  const topology = new Topology();
  topology.addSource({ name: 'numbers-source', topics: ['numbers'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Integer().deserializer() });
  topology.addProcessor('router', () => new Router(), 'numbers-source');
  topology.addProcessor('tripler', () => new Tripler(), 'router');
  topology.addSink({ name: 'evens-sink', topic: 'evens', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Integer().serializer(), parentNames: ['router'] });
  topology.addSink({ name: 'odds-sink', topic: 'odds-tripled', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Integer().serializer(), parentNames: ['tripler'] });
  return topology;
}
