package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class GroupByNamed extends DslScenario {
    @Override
    public String description() {
        return "KStream.groupBy(first letter, Grouped.with(\"by-first-letter\", String, String)).count(): the repartition topic is "
            + "<app>-by-first-letter-repartition; a null grouping key (empty value) is removed by the repartition's own filter "
            + "processor (by-first-letter-repartition-filter) without counting as a dropped record.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("names", STRING, STRING).out("letter-counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("names", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((key, value) -> value.isEmpty() ? null : value.substring(0, 1),
                Grouped.with("by-first-letter", Serdes.String(), Serdes.String()))
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("letter-counts-store"))
            .toStream()
            .to("letter-counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("names", "1", "anna", 1_000)
            .pipe("names", "2", "bert", 2_000)
            .pipe("names", "3", "", 3_000)
            .pipe("names", "4", "alex", 4_000);
    }
}
