package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

public final class DslProcessDedup extends DslScenario {
    /** Forwards the first record per event id (the value); ids older than 10 s of stream time are forgotten. */
    static final class Dedup extends ContextualProcessor<String, String, String, String> {
        private KeyValueStore<String, Long> seen;

        @Override
        public void init(final ProcessorContext<String, String> context) {
            super.init(context);
            seen = context.getStateStore("seen-ids");
            context.schedule(Duration.ofSeconds(5), PunctuationType.STREAM_TIME, this::evict);
        }

        @Override
        public void process(final Record<String, String> record) {
            if (seen.get(record.value()) != null) return;
            seen.put(record.value(), record.timestamp());
            context().forward(record.withKey(record.value()).withValue(record.key()));
        }

        private void evict(final long streamTime) {
            final List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = seen.all()) {
                while (all.hasNext()) {
                    final KeyValue<String, Long> entry = all.next();
                    if (entry.value < streamTime - 10_000) expired.add(entry.key);
                }
            }
            expired.forEach(seen::delete);
        }
    }

    @Override
    public String description() {
        return "KStream.process with a store added by builder.addStateStore(\"seen-ids\"): the first record per event id passes, "
            + "re-keyed by id (value = original key); a STREAM_TIME punctuation every 5 s forgets ids older than 10 s, so a late "
            + "repeat passes again.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("events", STRING, STRING).out("unique-events", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("seen-ids"), Serdes.String(), Serdes.Long()));
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .process(Dedup::new, "seen-ids")
            .to("unique-events", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("events", "device1", "ev-1", 1_000)
            .pipe("events", "device2", "ev-1", 2_000)
            .pipe("events", "device1", "ev-2", 3_000)
            .pipe("events", "device3", "ev-3", 14_000)
            .pipe("events", "device1", "ev-1", 16_000)
            .pipe("events", "device1", "ev-3", 17_000);
    }
}
