package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableGroupByCount extends DslScenario {
    @Override
    public String description() {
        return "Users per region: table(user → region).groupBy(region).count(\"region-counts\"). A user moving region is "
            + "subtracted from the old region and added to the new one (two records through the repartition topic); an update "
            + "within the same region is one record that subtracts and adds; a tombstone only subtracts.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("user-regions", STRING, STRING).out("region-counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("user-regions", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((user, region) -> KeyValue.pair(region, user), Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("region-counts"))
            .toStream()
            .to("region-counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("user-regions", "alice", "eu", 1_000)
            .pipe("user-regions", "bob", "eu", 2_000)
            .pipe("user-regions", "alice", "us", 3_000)
            .pipe("user-regions", "bob", "eu", 4_000)
            .pipe("user-regions", "bob", null, 5_000)
            .pipe("user-regions", "carol", null, 6_000)
            .pipe("user-regions", "alice", "eu", 2_500);
    }
}
