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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

public final class PapiGlobalStore extends Scenario {
    /** Keeps the global "rates" store in step with its topic: put, or delete on a tombstone. */
    static final class RatesUpdater implements Processor<String, Double, Void, Void> {
        private KeyValueStore<String, Double> rates;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            rates = context.getStateStore("rates");
        }

        @Override
        public void process(final Record<String, Double> record) {
            if (record.value() == null) rates.delete(record.key());
            else rates.put(record.key(), record.value());
        }
    }

    /** "EUR:100" → 100 × rate(EUR); dropped while the currency has no rate. */
    static final class Converter extends ContextualProcessor<String, String, String, Double> {
        private KeyValueStore<String, Double> rates;

        @Override
        public void init(final ProcessorContext<String, Double> context) {
            super.init(context);
            rates = context.getStateStore("rates");
        }

        @Override
        public void process(final Record<String, String> record) {
            final String[] parts = record.value().split(":");
            final Double rate = rates.get(parts[0]);
            if (rate == null) return;
            context().forward(record.withValue(Double.parseDouble(parts[1]) * rate));
        }
    }

    @Override
    public String description() {
        return "Processor API global store: addGlobalStore(\"rates\", logging disabled) with its own updater processor, read by "
            + "a stream processor converting \"EUR:100\" amounts (double arithmetic: 100 × 1.1 = 110.00000000000001).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("rates", STRING, DOUBLE).in("orders", STRING, STRING).out("converted", STRING, DOUBLE);
    }

    @Override
    public Topology topology(final Properties config) {
        final Topology topology = new Topology();
        topology.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("rates"), Serdes.String(), Serdes.Double()).withLoggingDisabled(),
            "rates-source", new StringDeserializer(), new DoubleDeserializer(), "rates", "rates-updater", RatesUpdater::new);
        topology.addSource("orders-source", new StringDeserializer(), new StringDeserializer(), "orders");
        topology.addProcessor("converter", Converter::new, "orders-source");
        topology.addSink("converted-sink", "converted", new StringSerializer(), new DoubleSerializer(), "converter");
        return topology;
    }

    @Override
    public void script(final Script script) {
        script.pipe("orders", "o1", "EUR:100", 1_000)
            .pipe("rates", "EUR", 1.1, 1_500)
            .pipe("orders", "o2", "EUR:100", 2_000)
            .pipe("rates", "GBP", 1.25, 2_500)
            .pipe("orders", "o3", "GBP:8", 3_000)
            .pipe("rates", "EUR", null, 3_500)
            .pipe("orders", "o4", "EUR:1", 4_000);
    }
}
