package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class FilterNotOdd extends DslScenario {
    @Override
    public String description() {
        return "filterNot drops even Integer values (v % 2 == 0, Java remainder: -3 % 2 is -1, so -3 is kept); "
            + "Integer extremes check the 4-byte big-endian serde.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("numbers", STRING, INTEGER).out("odd-numbers", STRING, INTEGER);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Integer()))
            .filterNot((key, value) -> value % 2 == 0)
            .to("odd-numbers", Produced.with(Serdes.String(), Serdes.Integer()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("numbers", "a", 1, 1_000)
            .pipe("numbers", "b", 2, 1_001)
            .pipe("numbers", "c", -3, 1_002)
            .pipe("numbers", "d", -4, 1_003)
            .pipe("numbers", "e", Integer.MAX_VALUE, 1_004)
            .pipe("numbers", "f", Integer.MIN_VALUE, 1_005)
            .pipe("numbers", null, 0, 1_006)
            .pipe("numbers", null, 7, 1_007);
    }
}
