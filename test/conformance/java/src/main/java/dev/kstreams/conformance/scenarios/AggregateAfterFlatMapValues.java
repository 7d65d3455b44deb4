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
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class AggregateAfterFlatMapValues extends DslScenario {
    @Override
    public String description() {
        return "flatMapValues then groupByKey().aggregate (no repartition: the key is unchanged) collecting tags into "
            + "\"[a][b]\": one input updates the aggregate several times. Caching off emits every step, caching on only the "
            + "last per input.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("tagged", STRING, STRING).out("tag-lists", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("tagged", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.split(",")))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .aggregate(() -> "", (key, tag, tags) -> tags + "[" + tag + "]",
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("tag-store").withValueSerde(Serdes.String()))
            .toStream()
            .to("tag-lists", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("tagged", "post1", "a,b,c", 1_000)
            .pipe("tagged", "post2", "x", 2_000)
            .pipe("tagged", "post1", "d,e", 3_000);
    }
}
