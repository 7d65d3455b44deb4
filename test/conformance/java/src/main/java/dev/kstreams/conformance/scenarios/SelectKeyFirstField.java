package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class SelectKeyFirstField extends DslScenario {
    @Override
    public String description() {
        return "selectKey to the first comma-separated field of the value (\"user,action\" → user); a null value gives a null key. "
            + "Written straight to a topic, so no repartition topic appears.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("events", STRING, STRING).out("events-by-user", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("events", Consumed.with(Serdes.String(), Serdes.String()))
            .selectKey((key, value) -> value == null ? null : value.split(",")[0])
            .to("events-by-user", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("events", "e1", "alice,login", 1_000, header("source", "web"))
            .pipe("events", null, "bob,click", 2_000)
            .pipe("events", "e3", "carol", 3_000)
            .pipe("events", "e4", ",anonymous", 4_000)
            .pipe("events", "e5", null, 5_000);
    }
}
