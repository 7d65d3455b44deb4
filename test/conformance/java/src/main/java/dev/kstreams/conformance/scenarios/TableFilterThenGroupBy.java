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

public final class TableFilterThenGroupBy extends DslScenario {
    @Override
    public String description() {
        return "KTable.filter (scores > 10) feeding groupBy(\"all\").reduce(adder +, subtractor -): the grouping asks the filter "
            + "for old values, so an update failing the predicate retracts the old passing value, and one for a key that never "
            + "passed sends nothing. The source gets materialized for that (store scores-STATE-STORE-0000000000), and the "
            + "repartition topic is named after the reduce's store (high-total-store-repartition).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("scores", STRING, LONG).out("high-total", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("scores", Consumed.with(Serdes.String(), Serdes.Long()))
            .filter((key, value) -> value > 10)
            .groupBy((key, value) -> KeyValue.pair("all", value), Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce(Long::sum, (agg, old) -> agg - old, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("high-total-store"))
            .toStream()
            .to("high-total", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        TableFilterMaterialized.scores(script);
    }
}
