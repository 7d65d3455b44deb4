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

public final class StreamToTable extends DslScenario {
    @Override
    public String description() {
        return "KStream.toTable(Materialized.as(\"latest\")): the latest value per key; a null value deletes the key, a null "
            + "key is dropped; the table's changes go back out through toStream(). With caching, the delete of a key the table "
            + "never had (s3) is not forwarded.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("readings", STRING, STRING).out("latest-readings", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("readings", Consumed.with(Serdes.String(), Serdes.String()))
            .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("latest")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .toStream()
            .to("latest-readings", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("readings", "s1", "20C", 1_000)
            .pipe("readings", "s2", "18C", 2_000)
            .pipe("readings", "s1", "21C", 3_000)
            .pipe("readings", "s2", null, 4_000)
            .pipe("readings", null, "lost", 5_000)
            .pipe("readings", "s3", null, 6_000);
    }
}
