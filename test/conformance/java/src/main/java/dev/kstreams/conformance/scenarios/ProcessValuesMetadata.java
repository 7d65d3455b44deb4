package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

public final class ProcessValuesMetadata extends DslScenario {
    @Override
    public String description() {
        return "processValues (FixedKeyProcessor) writes the record metadata into the value: topic, partition, offset (per input "
            + "topic, from 0) and timestamp, for records from two merged topics.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("left", STRING, STRING).in("right", STRING, STRING).out("annotated", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        final KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.merge(right)
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(final FixedKeyRecord<String, String> record) {
                    final RecordMetadata m = context().recordMetadata().orElseThrow();
                    context().forward(record.withValue(m.topic() + "-" + m.partition() + "@" + m.offset() + " t=" + record.timestamp()
                        + " " + record.value()));
                }
            })
            .to("annotated", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("left", "a", "x", 1_000)
            .pipe("left", "b", "y", 1_000)
            .pipe("right", "c", "z", 500)
            .pipe("left", null, null, 2_000)
            .pipe("right", "d", "w", 3_000);
    }
}
