package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class NamedOperations extends DslScenario {
    @Override
    public String description() {
        return "Every operation named by the user (Consumed.as, Named.as, Grouped.as, Materialized.as, Produced.as): describe() "
            + "uses those names for processors, the repartition topic (<app>-grouped-repartition) and the store.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("text", STRING, STRING).out("named-counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("text", Consumed.with(Serdes.String(), Serdes.String()).withName("text-source"))
            .filter((key, value) -> value != null && !value.isEmpty(), Named.as("non-empty"))
            .mapValues(value -> value.toLowerCase(Locale.ROOT), Named.as("lower"))
            .selectKey((key, value) -> value, Named.as("by-value"))
            .groupByKey(Grouped.<String, String>as("grouped").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .count(Named.as("counter"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("count-store"))
            .toStream(Named.as("count-changes"))
            .to("named-counts", Produced.with(Serdes.String(), Serdes.Long()).withName("counts-sink"));
    }

    @Override
    public void script(final Script script) {
        script.pipe("text", "1", "Hello", 1_000)
            .pipe("text", "2", "", 2_000)
            .pipe("text", "3", "HELLO", 3_000)
            .pipe("text", "4", null, 4_000);
    }
}
