package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class NullKeysAndValues extends DslScenario {
    @Override
    public String description() {
        return "Null keys and null values: a stateless path passes them all; groupByKey().count() and .reduce() skip a record whose "
            + "key or value is null (each skip counts in dropped-records), so three skipped inputs count six drops.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("passthrough", STRING, STRING).out("counts", STRING, LONG).out("concat", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> stream = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        stream.to("passthrough", Produced.with(Serdes.String(), Serdes.String()));
        final KGroupedStream<String, String> grouped = stream.groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
        grouped.count(Materialized.as("counts-store"))
            .toStream()
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        grouped.reduce((a, b) -> a + "+" + b, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("concat-store"))
            .toStream()
            .to("concat", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "1", 1_000)
            .pipe("in", null, "2", 2_000)
            .pipe("in", "a", null, 3_000)
            .pipe("in", null, null, 4_000)
            .pipe("in", "a", "3", 5_000)
            .pipe("in", "", "empty key", 6_000);
    }
}
