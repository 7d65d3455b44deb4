package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableFilterNot extends DslScenario {
    @Override
    public String description() {
        return "KTable.filterNot dropping values that start with \"tmp\", on a source table materialized as \"files-store\". "
            + "Java's filter asks an already-materialized parent for old values, so a key that never passed (f2) yields no "
            + "tombstone, neither for its rejected value nor for its delete; a key that passed and then fails is retracted.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("files", STRING, STRING).out("kept-files", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("files", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("files-store"))
            .filterNot((key, value) -> value.startsWith("tmp"))
            .toStream()
            .to("kept-files", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("files", "f1", "report.pdf", 1_000)
            .pipe("files", "f2", "tmp-123", 2_000)
            .pipe("files", "f1", "tmp-report", 3_000)
            .pipe("files", "f2", null, 4_000)
            .pipe("files", "f1", "final.pdf", 5_000);
    }
}
