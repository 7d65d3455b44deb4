package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableGroupByReduce extends DslScenario {
    @Override
    public String description() {
        return "Account balances \"category:amount\" summed per category: groupBy(category, amount).reduce(adder +, subtractor -) "
            + "materialized as \"category-totals\"; amounts change within a category, move between categories, get deleted; "
            + "a total reaching 0 stays in the store as 0.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("balances", STRING, STRING).out("category-totals", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("balances", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((account, value) -> KeyValue.pair(value.split(":")[0], Long.parseLong(value.split(":")[1])),
                Grouped.with("by-category", Serdes.String(), Serdes.Long()))
            .reduce((total, amount) -> total + amount, (total, amount) -> total - amount,
                Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("category-totals"))
            .toStream()
            .to("category-totals", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("balances", "acc1", "food:10", 1_000)
            .pipe("balances", "acc2", "food:5", 2_000)
            .pipe("balances", "acc1", "food:12", 3_000)
            .pipe("balances", "acc2", "rent:5", 4_000)
            .pipe("balances", "acc1", null, 5_000)
            .pipe("balances", "acc3", "rent:-5", 6_000);
    }
}
