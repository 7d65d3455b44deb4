package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class StreamFromTopicList extends DslScenario {
    @Override
    public String description() {
        return "builder.stream(List.of(\"metrics-a\", \"metrics-b\")): one source node for two topics (describe lists both); "
            + "filter keeps values >= 0.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("metrics-a", STRING, LONG).in("metrics-b", STRING, LONG).out("metrics", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream(List.of("metrics-a", "metrics-b"), Consumed.with(Serdes.String(), Serdes.Long()))
            .filter((key, value) -> value >= 0)
            .to("metrics", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("metrics-a", "cpu", 10L, 1_000)
            .pipe("metrics-b", "mem", 20L, 1_000)
            .pipe("metrics-b", "mem", -1L, 2_000)
            .pipe("metrics-a", "cpu", 0L, 500);
    }
}
