package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

public final class MergeTopics extends DslScenario {
    @Override
    public String description() {
        return "Two source topics merged into one stream and tagged by mapValues; records come out in the order they were piped, "
            + "whatever their timestamps.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("left", STRING, STRING).in("right", STRING, STRING).out("merged", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        final KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.merge(right)
            .mapValues(value -> "seen:" + value)
            .to("merged", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("left", "a", "l1", 1_000)
            .pipe("right", "a", "r1", 900)
            .pipe("right", "b", "r2", 2_000, header("side", "right"))
            .pipe("left", "b", "l2", 2_000)
            .pipe("left", null, null, 1_500);
    }
}
