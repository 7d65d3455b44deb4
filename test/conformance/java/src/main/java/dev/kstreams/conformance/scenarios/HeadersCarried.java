package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

public final class HeadersCarried extends DslScenario {
    @Override
    public String description() {
        return "Headers through the whole path: processValues removes \"drop-me\" and appends \"stage\"=\"tagged\"; flatMapValues "
            + "copies them to every word; selectKey + groupByKey(Grouped.as(\"by-initial\")) carries them through the repartition "
            + "topic into count, whose output has the headers of the record that caused the update.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("docs", STRING, STRING).out("words", STRING, STRING).out("initial-counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> words = builder.stream("docs", Consumed.with(Serdes.String(), Serdes.String()))
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(final FixedKeyRecord<String, String> record) {
                    record.headers().remove("drop-me");
                    record.headers().add("stage", "tagged".getBytes(StandardCharsets.UTF_8));
                    context().forward(record);
                }
            })
            .flatMapValues(value -> Arrays.asList(value.split(" ")));
        words.to("words", Produced.with(Serdes.String(), Serdes.String()));
        words.selectKey((key, word) -> word.substring(0, 1))
            .groupByKey(Grouped.<String, String>as("by-initial").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .count()
            .toStream()
            .to("initial-counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("docs", "d1", "apple avocado", 1_000, header("trace", "t1"), header("drop-me", "x"), header("trace", "t2"))
            .pipe("docs", "d2", "banana", 2_000, header("empty", null))
            .pipe("docs", "d3", "apricot", 1_500)
            .pipe("docs", "d4", "blueberry", 3_000, header("drop-me", "1"), header("drop-me", "2"), header("trace", "t3"));
    }
}
