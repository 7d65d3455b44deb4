package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;

public final class SelectKeyTwoAggregationsOptimized extends DslScenario {
    @Override
    public String description() {
        return "select-key-two-aggregations with topology.optimization=all: the two repartition topics merge into one, so "
            + "describe() shows one repartition topic feeding both aggregations; outputs are unchanged.";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("topology.optimization", "all");
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("sales", STRING, LONG).out("sales-count", STRING, LONG).out("sales-total", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        SelectKeyTwoAggregations.buildTopology(builder);
    }

    @Override
    public void script(final Script script) {
        SelectKeyTwoAggregations.sales(script);
    }
}
