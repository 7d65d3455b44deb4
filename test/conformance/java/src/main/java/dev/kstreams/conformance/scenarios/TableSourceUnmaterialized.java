package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class TableSourceUnmaterialized extends DslScenario {
    @Override
    public String description() {
        return "builder.table without Materialized: nothing downstream needs its state, so Java does not materialize it; every "
            + "update, tombstones for absent keys included, goes straight to toStream(). A null key is still dropped.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("users", STRING, STRING).out("user-changes", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("users", Consumed.with(Serdes.String(), Serdes.String()))
            .toStream()
            .to("user-changes", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("users", "alice", "paris", 1_000)
            .pipe("users", "alice", "berlin", 2_000)
            .pipe("users", "carol", null, 3_000)
            .pipe("users", "alice", null, 4_000)
            .pipe("users", null, "nowhere", 5_000);
    }
}
