package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.Scenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Properties;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

public final class PapiRouteToChildren extends Scenario {
    /** Even values to "evens-sink", odd ones to "tripler"; zero to every child. */
    static final class Router extends ContextualProcessor<String, Integer, String, Integer> {
        @Override
        public void process(final Record<String, Integer> record) {
            if (record.value() == 0) context().forward(record);
            else if (record.value() % 2 == 0) context().forward(record, "evens-sink");
            else context().forward(record.withKey(record.key() + "-odd"), "tripler");
        }
    }

    static final class Tripler extends ContextualProcessor<String, Integer, String, Integer> {
        @Override
        public void process(final Record<String, Integer> record) {
            context().forward(record.withValue(record.value() * 3));
        }
    }

    @Override
    public String description() {
        return "Processor API routing with context.forward(record, childName): evens to one sink, odds through a second processor "
            + "(value × 3, key suffixed) to another; a zero goes to every child (both sinks, via the tripler too). Sink and "
            + "processor order in describe() follows the order they were added.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("numbers", STRING, INTEGER).out("evens", STRING, INTEGER).out("odds-tripled", STRING, INTEGER);
    }

    @Override
    public Topology topology(final Properties config) {
        final Topology topology = new Topology();
        topology.addSource("numbers-source", new StringDeserializer(), new IntegerDeserializer(), "numbers");
        topology.addProcessor("router", Router::new, "numbers-source");
        topology.addProcessor("tripler", Tripler::new, "router");
        topology.addSink("evens-sink", "evens", new StringSerializer(), new IntegerSerializer(), "router");
        topology.addSink("odds-sink", "odds-tripled", new StringSerializer(), new IntegerSerializer(), "tripler");
        return topology;
    }

    @Override
    public void script(final Script script) {
        script.pipe("numbers", "a", 2, 1_000)
            .pipe("numbers", "b", 3, 2_000)
            .pipe("numbers", "c", 0, 3_000)
            .pipe("numbers", "d", -7, 4_000);
    }
}
