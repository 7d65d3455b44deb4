package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class DefaultTimestampExtractorPartitionTime extends DslScenario {
    @Override
    public String description() {
        return "default.timestamp.extractor = UsePartitionTimeOnInvalidTimestamp: a record with a negative timestamp takes the "
            + "partition time (the highest timestamp seen so far) and goes on; valid timestamps are kept as they are.";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("default.timestamp.extractor", "org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp");
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "valid", 5_000)
            .pipe("in", "b", "negative", -1)
            .pipe("in", "c", "older", 3_000)
            .pipe("in", "d", "negative again", -42);
    }
}
