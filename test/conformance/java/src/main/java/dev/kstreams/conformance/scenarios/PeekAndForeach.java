package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

public final class PeekAndForeach extends DslScenario {
    @Override
    public String description() {
        return "peek passes every record on unchanged (its action only observes); foreach on a sibling branch is terminal "
            + "and produces nothing. The describe() text shows both processors.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final List<String> seen = new ArrayList<>();
        final KStream<String, String> stream = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        stream.peek((key, value) -> seen.add(key)).to("out", Produced.with(Serdes.String(), Serdes.String()));
        stream.foreach((key, value) -> seen.add(value));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "1", 1_000)
            .pipe("in", null, null, 2_000)
            .pipe("in", "b", "2", 1_500);
    }
}
