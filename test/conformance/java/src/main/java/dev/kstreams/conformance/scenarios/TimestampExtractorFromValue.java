package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;

public final class TimestampExtractorFromValue extends DslScenario {
    /** "1500|payload" → 1500; "?|payload" → the partition time so far; anything else → -1, which Streams drops. */
    static final class ValuePrefixTimestamp implements TimestampExtractor {
        @Override
        public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
            final String value = (String) record.value();
            final String prefix = value == null || !value.contains("|") ? "" : value.substring(0, value.indexOf('|'));
            if (prefix.equals("?")) return partitionTime;
            try {
                return Long.parseLong(prefix);
            } catch (final NumberFormatException e) {
                return -1;
            }
        }
    }

    @Override
    public String description() {
        return "Consumed.withTimestampExtractor reads the timestamp from the value (\"1500|x\"); \"?|x\" takes the partition time "
            + "(-1 before any record, so the first such record is dropped); unparsable gives -1: dropped and counted. "
            + "Output records carry the extracted timestamp.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("timed", STRING, STRING).out("timed-out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("timed", Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(new ValuePrefixTimestamp()))
            .mapValues(value -> value.substring(value.indexOf('|') + 1))
            .to("timed-out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("timed", "a", "?|too early", 1_000)
            .pipe("timed", "b", "1500|x", 1_000)
            .pipe("timed", "c", "700|older", 1_000)
            .pipe("timed", "d", "?|partition time", 9_000)
            .pipe("timed", "e", "abc|bad", 1_000)
            .pipe("timed", "f", null, 1_000)
            .pipe("timed", "g", "0|zero", 1_000);
    }
}
