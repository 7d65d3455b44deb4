package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

public final class OutputTimestamps extends DslScenario {
    @Override
    public String description() {
        return "A FixedKeyProcessor forwards each record twice with new timestamps (t+1000 \"later\", t-500 \"earlier\"); the sink "
            + "writes those timestamps, and count() downstream stamps each result with the max timestamp seen for the key. With caching, only the second count "
            + "of each input is emitted.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("shifted", STRING, STRING).out("counts", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> shifted = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(final FixedKeyRecord<String, String> record) {
                    context().forward(record.withValue(record.value() + ":later").withTimestamp(record.timestamp() + 1_000));
                    context().forward(record.withValue(record.value() + ":earlier").withTimestamp(record.timestamp() - 500));
                }
            });
        shifted.to("shifted", Produced.with(Serdes.String(), Serdes.String()));
        shifted.groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .count()
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "1", 5_000)
            .pipe("in", "a", "2", 2_000)
            .pipe("in", "b", "3", 10_000)
            .pipe("in", "a", "4", 7_000);
    }
}
