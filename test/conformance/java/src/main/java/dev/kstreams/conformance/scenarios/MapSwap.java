package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class MapSwap extends DslScenario {
    @Override
    public String description() {
        return "map swaps key and value and changes both types (String/Integer to Integer/String); "
            + "a null key becomes a null value and a null value a null key. No repartition: nothing downstream needs one.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, INTEGER).out("swapped", INTEGER, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.Integer()))
            .map((key, value) -> KeyValue.pair(value, key))
            .to("swapped", Produced.with(Serdes.Integer(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "one", 1, 1_000)
            .pipe("in", "two", 2, 2_000)
            .pipe("in", null, 3, 3_000)
            .pipe("in", "four", null, 4_000);
    }
}
