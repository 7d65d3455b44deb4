package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableSource extends DslScenario {
    @Override
    public String description() {
        return "builder.table materialized as \"users-store\", its changes to a topic: inserts, updates, a tombstone for a present "
            + "key (deletes it), a tombstone for an absent key, a null key (dropped), an out-of-order update (applied, with its own "
            + "older timestamp), the same value twice (forwarded twice: no emit-on-change). With caching the tombstone for an "
            + "absent key is not forwarded.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("users", STRING, STRING).out("user-changes", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("users", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users-store"))
            .toStream()
            .to("user-changes", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("users", "alice", "paris", 1_000, header("v", "1"))
            .pipe("users", "bob", "rome", 2_000)
            .pipe("users", "alice", "berlin", 3_000)
            .pipe("users", "carol", null, 4_000)
            .pipe("users", "bob", null, 5_000)
            .pipe("users", null, "nowhere", 6_000)
            .pipe("users", "alice", "oslo", 2_500)
            .pipe("users", "dave", "lima", 2_500)
            .pipe("users", "dave", "lima", 2_500);
    }
}
