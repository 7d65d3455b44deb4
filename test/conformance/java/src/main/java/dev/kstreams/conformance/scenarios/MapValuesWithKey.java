package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class MapValuesWithKey extends DslScenario {
    @Override
    public String description() {
        return "mapValues to upper case (null stays null), then the key-aware mapValues writing key + \":\" + value "
            + "(Java string concatenation: a null key or value prints as \"null\").";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value == null ? null : value.toUpperCase(Locale.ROOT))
            .mapValues((key, value) -> key + ":" + value)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "hello", 1_000)
            .pipe("in", null, "no key", 2_000)
            .pipe("in", "b", null, 3_000)
            .pipe("in", null, null, 4_000)
            .pipe("in", "c", "straße", 2_500);
    }
}
