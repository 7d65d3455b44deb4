package dev.kstreams.conformance;

import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** A scenario written with the Streams DSL. */
public abstract class DslScenario extends Scenario {
    protected abstract void build(StreamsBuilder builder);

    @Override
    public final Topology topology(final Properties config) {
        final StreamsBuilder builder = new StreamsBuilder();
        build(builder);
        return builder.build(config);
    }
}
