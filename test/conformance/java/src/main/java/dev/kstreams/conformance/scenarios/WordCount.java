package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class WordCount extends DslScenario {
    @Override
    public String description() {
        return "The word count users start from, on default serdes String/String: lower-case, split on \\W+, groupBy(word) "
            + "(a repartition topic), count(Materialized.as(\"counts-store\")), toStream to streams-wordcount-output. No line "
            + "ends in punctuation, where Java's split drops the trailing empty string and JavaScript's keeps it.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("streams-plaintext-input", STRING, STRING).out("streams-wordcount-output", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("streams-plaintext-input", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(value -> Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\W+")))
            .groupBy((key, word) -> word)
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-store"))
            .toStream()
            .to("streams-wordcount-output", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public Map<String, String> config() {
        return Map.of("default.key.serde", "String", "default.value.serde", "String");
    }

    @Override
    public void script(final Script script) {
        script.pipe("streams-plaintext-input", null, "all streams lead to kafka", 1_000)
            .pipe("streams-plaintext-input", null, "hello kafka streams", 2_000)
            .pipe("streams-plaintext-input", null, "Join Kafka Summit, the the", 3_000)
            .pipe("streams-plaintext-input", "k", "Streams", 2_500);
    }
}
