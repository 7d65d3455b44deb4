package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

public final class ToDynamicTopic extends DslScenario {
    /** describe() prints the extractor's toString(); a lambda's would carry a JVM-generated class name. */
    static final class RouteByRegion implements TopicNameExtractor<String, String> {
        @Override
        public String extract(final String key, final String value, final RecordContext context) {
            return "route-" + value.split(":")[0];
        }

        @Override
        public String toString() {
            return "routeByRegion";
        }
    }

    @Override
    public String description() {
        return "to(TopicNameExtractor): each record goes to \"route-\" + the value's part before ':'; describe() shows the sink "
            + "as \"extractor class: routeByRegion\" (the extractor's toString(); in TypeScript a function named routeByRegion).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("orders", STRING, STRING).out("route-east", STRING, STRING).out("route-west", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .to(new RouteByRegion(), Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("orders", "o1", "east:10", 1_000)
            .pipe("orders", "o2", "west:20", 2_000)
            .pipe("orders", "o3", "east:30", 3_000);
    }
}
