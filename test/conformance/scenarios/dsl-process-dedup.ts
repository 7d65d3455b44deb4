// Twin of DslProcessDedup.java: KStream.process with a store added by builder.addStateStore; a
// STREAM_TIME punctuation forgets ids older than 10 s.
import {
  Consumed,
  Produced,
  PunctuationType,
  Serdes,
  Stores,
  StreamsBuilder,
  type KeyValueStore,
  type Processor,
  type ProcessorContext,
  type Record,
  type Topology,
} from '../../../src/index';

/** Forwards the first record per event id (the value); ids older than 10 s of stream time are forgotten. */
class Dedup implements Processor<string, string, string, string> {
  private context!: ProcessorContext<string, string>;
  private seen!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, string>): void {
    this.context = context;
    this.seen = context.getStateStore<KeyValueStore<string, number>>('seen-ids');
    context.schedule(5_000, PunctuationType.STREAM_TIME, (streamTime) => this.evict(streamTime));
  }

  process(record: Record<string, string>): void {
    if (this.seen.get(record.value) !== null) return;
    this.seen.put(record.value, record.timestamp);
    this.context.forward(record.withKey(record.value).withValue(record.key));
  }

  private async evict(streamTime: number): Promise<void> {
    const expired: string[] = [];
    for await (const entry of this.seen.all()) {
      if (entry.value < streamTime - 10_000) expired.push(entry.key);
    }
    for (const key of expired) this.seen.delete(key);
  }
}

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('seen-ids'), Serdes.String(), Serdes.Long()));
  builder
    .stream('events', Consumed.with(Serdes.String(), Serdes.String()))
    .process(() => new Dedup(), 'seen-ids')
    .to('unique-events', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
