package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Produced;

public final class DefaultTimestampExtractorLogAndSkip extends DslScenario {
    @Override
    public String description() {
        return "default.timestamp.extractor = LogAndSkipOnInvalidTimestamp: records with a negative timestamp are skipped "
            + "(counted as dropped) before any processor, so neither the pass-through nor the count sees them.";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("default.timestamp.extractor", "org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp");
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("out", STRING, STRING).out("counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final var stream = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        stream.to("out", Produced.with(Serdes.String(), Serdes.String()));
        stream.groupByKey(Grouped.with(Serdes.String(), Serdes.String())).count().toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "first", 1_000)
            .pipe("in", "a", "skipped", -1)
            .pipe("in", "a", "second", 2_000);
    }
}
