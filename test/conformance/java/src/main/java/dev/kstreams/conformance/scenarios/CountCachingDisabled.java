package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
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

public final class CountCachingDisabled extends DslScenario {
    @Override
    public String description() {
        return "The same shape as aggregate-after-flat-map-values, but count(Materialized.as(\"item-count\").withCachingDisabled()): "
            + "the store opts out of the cache, so both runs emit every update.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("baskets", STRING, STRING).out("basket-sizes", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("baskets", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.split(",")))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("item-count").withCachingDisabled())
            .toStream()
            .to("basket-sizes", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("baskets", "b1", "milk,eggs,bread", 1_000)
            .pipe("baskets", "b2", "tea", 2_000)
            .pipe("baskets", "b1", "jam", 3_000);
    }
}
