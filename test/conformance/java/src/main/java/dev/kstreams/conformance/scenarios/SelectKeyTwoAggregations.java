package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.Produced;

public final class SelectKeyTwoAggregations extends DslScenario {
    /** Shared with the optimized twin: one key change, one grouping, two aggregations. */
    static void buildTopology(final StreamsBuilder builder) {
        final KGroupedStream<String, Long> byRegion = builder.stream("sales", Consumed.with(Serdes.String(), Serdes.Long()))
            .selectKey((shop, amount) -> shop.split("/")[0])
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()));
        byRegion.count().toStream().to("sales-count", Produced.with(Serdes.String(), Serdes.Long()));
        byRegion.reduce(Long::sum).toStream().to("sales-total", Produced.with(Serdes.String(), Serdes.Long()));
    }

    static void sales(final Script script) {
        script.pipe("sales", "north/shop1", 10L, 1_000)
            .pipe("sales", "south/shop2", 5L, 2_000)
            .pipe("sales", "north/shop3", 7L, 3_000);
    }

    @Override
    public String description() {
        return "selectKey (shop → region) then one groupByKey (unnamed) used by count() and reduce(): without optimization each aggregation gets "
            + "its own repartition topic and sub-topology.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("sales", STRING, LONG).out("sales-count", STRING, LONG).out("sales-total", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        buildTopology(builder);
    }

    @Override
    public void script(final Script script) {
        sales(script);
    }
}
