package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.DOUBLE;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.Scenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Properties;
import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

public final class PapiTimestampedStore extends Scenario {
    /** Keeps the newest price per key by timestamp; forwards only records that replace the stored one. */
    static final class LatestWins extends ContextualProcessor<String, Double, String, Double> {
        private TimestampedKeyValueStore<String, Double> latest;

        @Override
        public void init(final ProcessorContext<String, Double> context) {
            super.init(context);
            latest = context.getStateStore("latest-prices");
        }

        @Override
        public void process(final Record<String, Double> record) {
            final ValueAndTimestamp<Double> stored = latest.get(record.key());
            if (stored != null && record.timestamp() < stored.timestamp()) return;
            latest.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            context().forward(record);
        }
    }

    @Override
    public String description() {
        return "Processor API with a timestamped key-value store (persistent, caching enabled): the newest price per key by "
            + "timestamp wins, a stale record is dropped, an equal timestamp replaces; the store dump carries timestamps.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("prices", STRING, DOUBLE).out("price-changes", STRING, DOUBLE);
    }

    @Override
    public Topology topology(final Properties config) {
        final Topology topology = new Topology();
        topology.addSource("prices-source", new StringDeserializer(), new DoubleDeserializer(), "prices");
        topology.addProcessor("latest-wins", LatestWins::new, "prices-source");
        topology.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore("latest-prices"), Serdes.String(), Serdes.Double()).withCachingEnabled(),
            "latest-wins");
        topology.addSink("changes-sink", "price-changes", new StringSerializer(), new DoubleSerializer(), "latest-wins");
        return topology;
    }

    @Override
    public void script(final Script script) {
        script.pipe("prices", "btc", 100.5, 2_000)
            .pipe("prices", "eth", 3.25, 2_000)
            .pipe("prices", "btc", 99.0, 1_000)
            .pipe("prices", "btc", 101.75, 2_000)
            .pipe("prices", "eth", 0.1 + 0.2, 5_000);
    }
}
