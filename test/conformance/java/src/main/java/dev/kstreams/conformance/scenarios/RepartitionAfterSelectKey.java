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

public final class RepartitionAfterSelectKey extends DslScenario {
    @Override
    public String description() {
        return "selectKey (page → user) then groupByKey().count(): Streams inserts a repartition topic with a generated name "
            + "(...-repartition after the key selector) and a second sub-topology; records keep timestamps through it.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("page-views", STRING, STRING).out("views-per-user", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("page-views", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((page, user) -> user)
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .count()
            .toStream()
            .to("views-per-user", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("page-views", "/home", "alice", 1_000)
            .pipe("page-views", "/cart", "alice", 2_000)
            .pipe("page-views", "/home", "bob", 1_500)
            .pipe("page-views", "/home", null, 3_000);
    }
}
