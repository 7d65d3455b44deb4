package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class StreamReduce extends DslScenario {
    @Override
    public String description() {
        return "groupByKey().reduce concatenating values (\"a|b\") materialized as \"history\"; the first value per key is stored "
            + "as is; the result timestamp is the max of the stored and the new record's.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("steps", STRING, STRING).out("histories", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("steps", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
            .reduce((history, step) -> history + "|" + step, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("history"))
            .toStream()
            .to("histories", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("steps", "job1", "start", 3_000)
            .pipe("steps", "job2", "start", 3_000)
            .pipe("steps", "job1", "load", 1_000)
            .pipe("steps", "job1", "done", 4_000)
            .pipe("steps", "job2", "fail", 2_000);
    }
}
