package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class ToTableAfterFlatMapValues extends DslScenario {
    @Override
    public String description() {
        return "flatMapValues then toTable (key unchanged, so no repartition): one input updates the same key several times. "
            + "Caching off emits every update; caching on emits only the last one at the commit that follows the input.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("lines", STRING, STRING).out("last-word", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.split(" ")))
            .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("last-word-store")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .toStream()
            .to("last-word", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("lines", "l1", "one two three", 1_000)
            .pipe("lines", "l2", "solo", 2_000)
            .pipe("lines", "l1", "four five", 3_000);
    }
}
