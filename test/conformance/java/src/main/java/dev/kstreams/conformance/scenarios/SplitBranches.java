package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

public final class SplitBranches extends DslScenario {
    @Override
    public String description() {
        return "split(Named.as(\"route-\")) with Branched.withConsumer branches: a record goes to the first branch whose predicate "
            + "matches (\"apple\" matches both, goes to a-words only); the default branch takes the rest, null values included.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("words", STRING, STRING)
            .out("a-words", STRING, STRING)
            .out("long-words", STRING, STRING)
            .out("other-words", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final Produced<String, String> produced = Produced.with(Serdes.String(), Serdes.String());
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
            .split(Named.as("route-"))
            .branch((key, value) -> value != null && value.startsWith("a"), Branched.withConsumer(s -> s.to("a-words", produced), "a"))
            .branch((key, value) -> value != null && value.length() > 3, Branched.withConsumer(s -> s.to("long-words", produced), "long"))
            .defaultBranch(Branched.withConsumer(s -> s.to("other-words", produced), "other"));
    }

    @Override
    public void script(final Script script) {
        script.pipe("words", "1", "apple", 1_000)
            .pipe("words", "2", "banana", 2_000)
            .pipe("words", "3", "ax", 3_000)
            .pipe("words", "4", "fig", 4_000)
            .pipe("words", "5", null, 5_000)
            .pipe("words", null, "kiwi", 6_000);
    }
}
