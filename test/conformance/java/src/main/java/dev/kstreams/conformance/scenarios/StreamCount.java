package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Produced;

public final class StreamCount extends DslScenario {
    @Override
    public String description() {
        return "groupByKey().count() without Materialized: the store gets a generated name (KSTREAM-AGGREGATE-STATE-STORE-...), "
            + "no repartition; out-of-order timestamps: each count carries the max timestamp seen for its key.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("clicks", STRING, STRING).out("click-counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .count()
            .toStream()
            .to("click-counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("clicks", "alice", "home", 5_000)
            .pipe("clicks", "bob", "home", 1_000)
            .pipe("clicks", "alice", "cart", 3_000)
            .pipe("clicks", "alice", "pay", 5_000)
            .pipe("clicks", "bob", "cart", 8_000);
    }
}
