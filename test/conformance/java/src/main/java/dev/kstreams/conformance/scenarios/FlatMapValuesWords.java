package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class FlatMapValuesWords extends DslScenario {
    @Override
    public String description() {
        return "flatMapValues splits on single spaces (\"x  y\" gives x, \"\", y; no input ends in a space, where Java's split "
            + "drops trailing empties and JavaScript's does not); each word keeps the key, timestamp and headers; null gives nothing.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("lines", STRING, STRING).out("words", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> value == null ? List.<String>of() : Arrays.asList(value.split(" ")))
            .to("words", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("lines", "l1", "a b c", 1_000, header("lang", "en"))
            .pipe("lines", "l2", "single", 1_000)
            .pipe("lines", "l3", null, 2_000)
            .pipe("lines", null, "x  y", 1_500);
    }
}
