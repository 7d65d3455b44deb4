package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.Scenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

public final class PapiStreamTimePunctuation extends Scenario {
    /** Keeps a running sum per key; every 10 s of stream time emits all sums, stamped with the punctuation time. */
    static final class Summer implements Processor<String, Long, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> sums;

        @Override
        public void init(final ProcessorContext<String, Long> context) {
            this.context = context;
            this.sums = context.getStateStore("sums");
            context.schedule(Duration.ofSeconds(10), PunctuationType.STREAM_TIME, this::emit);
        }

        @Override
        public void process(final Record<String, Long> record) {
            final Long sum = sums.get(record.key());
            sums.put(record.key(), (sum == null ? 0 : sum) + record.value());
        }

        private void emit(final long timestamp) {
            try (KeyValueIterator<String, Long> all = sums.all()) {
                while (all.hasNext()) {
                    final KeyValue<String, Long> entry = all.next();
                    context.forward(new Record<>(entry.key, entry.value, timestamp));
                }
            }
        }
    }

    @Override
    public String description() {
        return "Processor API: source → processor with a key-value store \"sums\" → sink. The processor sums per key and a "
            + "STREAM_TIME punctuation every 10 s emits every sum with the punctuation time. Out-of-order records do not move "
            + "stream time. The schedule is anchored at 0: the first record punctuates at once (1000), then at 10000, then the "
            + "jump to 45000 punctuates once and the next is due at 50000. Advancing the wall clock does nothing here.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("readings", STRING, LONG).out("sums", STRING, LONG);
    }

    @Override
    public Topology topology(final Properties config) {
        final Topology topology = new Topology();
        topology.addSource("readings-source", new StringDeserializer(), new LongDeserializer(), "readings");
        topology.addProcessor("summer", Summer::new, "readings-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("sums"), Serdes.String(), Serdes.Long()), "summer");
        topology.addSink("sums-sink", "sums", new StringSerializer(), new LongSerializer(), "summer");
        return topology;
    }

    @Override
    public void script(final Script script) {
        script.pipe("readings", "a", 1L, 1_000)
            .pipe("readings", "b", 2L, 5_000)
            .pipe("readings", "a", 3L, 3_000)
            .pipe("readings", "a", 4L, 10_000)
            .pipe("readings", "b", 5L, 10_999)
            .pipe("readings", "c", 6L, 11_000)
            .pipe("readings", "b", 7L, 45_000)
            .pipe("readings", "a", 8L, 44_000)
            .advanceWallClock(60_000)
            .pipe("readings", "c", 9L, 50_000);
    }
}
