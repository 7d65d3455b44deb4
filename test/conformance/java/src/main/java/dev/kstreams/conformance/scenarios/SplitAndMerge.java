package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

public final class SplitAndMerge extends DslScenario {
    @Override
    public String description() {
        return "split(Named.as(\"n-\")) returning the map of branches: n-even (Branched.as), n-by-three (Branched.withFunction "
            + "multiplying by 100) and the default n-rest; even and by-three are merged again into one topic.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("numbers", STRING, INTEGER).out("merged", STRING, INTEGER).out("rest", STRING, INTEGER);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final Map<String, KStream<String, Integer>> branches = builder.stream("numbers", Consumed.with(Serdes.String(), Serdes.Integer()))
            .split(Named.as("n-"))
            .branch((key, value) -> value % 2 == 0, Branched.as("even"))
            .branch((key, value) -> value % 3 == 0, Branched.withFunction(s -> s.mapValues(v -> v * 100), "by-three"))
            .defaultBranch(Branched.as("rest"));
        final Produced<String, Integer> produced = Produced.with(Serdes.String(), Serdes.Integer());
        branches.get("n-even").merge(branches.get("n-by-three")).to("merged", produced);
        branches.get("n-rest").to("rest", produced);
    }

    @Override
    public void script(final Script script) {
        for (int i = 1; i <= 7; i++) script.pipe("numbers", "k" + i, i, 1_000L * i);
        script.pipe("numbers", "k0", 0, 500);
    }
}
