package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;

public final class DefaultSerdes extends DslScenario {
    @Override
    public String description() {
        return "No serde named anywhere: default.key.serde String and default.value.serde Long serve the source, the reduce "
            + "store and the sink. Positive amounts are summed per key.";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("default.key.serde", "String", "default.value.serde", "Long");
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("amounts", STRING, LONG).out("totals", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.<String, Long>stream("amounts")
            .filter((key, value) -> value > 0)
            .groupByKey()
            .reduce(Long::sum)
            .toStream()
            .to("totals");
    }

    @Override
    public void script(final Script script) {
        script.pipe("amounts", "alice", 10L, 1_000)
            .pipe("amounts", "bob", 5L, 2_000)
            .pipe("amounts", "alice", -3L, 3_000)
            .pipe("amounts", "alice", 7L, 2_500);
    }
}
