package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.Scenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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

public final class PapiWallClockPunctuation extends Scenario {
    /** Counts records per key; every second of wall-clock time emits and clears the counts. */
    static final class PerSecondCounter implements Processor<String, String, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(final ProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore("pending-counts");
            context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::flush);
        }

        @Override
        public void process(final Record<String, String> record) {
            final Long count = counts.get(record.key());
            counts.put(record.key(), (count == null ? 0 : count) + 1);
        }

        private void flush(final long wallClockMs) {
            final List<KeyValue<String, Long>> entries = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = counts.all()) {
                all.forEachRemaining(entries::add);
            }
            for (final KeyValue<String, Long> entry : entries) {
                context.forward(new Record<>(entry.key, entry.value, wallClockMs));
                counts.delete(entry.key);
            }
        }
    }

    @Override
    public String description() {
        return "Processor API with a WALL_CLOCK_TIME punctuation every 1 s (first due at start + 1 s): counts per key are "
            + "emitted, stamped with the wall-clock time, and cleared. Piping records never punctuates; advancing 2.5 s at once "
            + "punctuates once and the next is due on the original 1 s grid (start + 4 s); stream time does not matter.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("hits", STRING, STRING).out("hits-per-second", STRING, LONG);
    }

    @Override
    public Topology topology(final Properties config) {
        final Topology topology = new Topology();
        topology.addSource("hits-source", new StringDeserializer(), new StringDeserializer(), "hits");
        topology.addProcessor("counter", PerSecondCounter::new, "hits-source");
        topology.addStateStore(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pending-counts"), Serdes.String(), Serdes.Long()), "counter");
        topology.addSink("counts-sink", "hits-per-second", new StringSerializer(), new LongSerializer(), "counter");
        return topology;
    }

    @Override
    public void script(final Script script) {
        script.pipe("hits", "a", "x", 100)
            .pipe("hits", "b", "x", 200)
            .pipe("hits", "a", "x", 50)
            .advanceWallClock(500)
            .advanceWallClock(500)
            .pipe("hits", "a", "x", 9_000)
            .advanceWallClock(2_500)
            .pipe("hits", "c", "x", 9_100)
            .advanceWallClock(499)
            .advanceWallClock(1)
            .advanceWallClock(1_000);
    }
}
