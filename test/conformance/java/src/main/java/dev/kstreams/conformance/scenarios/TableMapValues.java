package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableMapValues extends DslScenario {
    @Override
    public String description() {
        return "KTable.mapValues twice from one table: key-aware into an Integer length materialized as \"lengths\", and plain "
            + "upper-casing unmaterialized. Tombstones pass as tombstones; the mappers never see a null. With caching, the "
            + "materialized branch does not forward the tombstone for a key it never had (id3); the other branch does.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("names", STRING, STRING).out("name-lengths", STRING, INTEGER).out("upper-names", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KTable<String, String> names = builder.table("names", Consumed.with(Serdes.String(), Serdes.String()));
        names.mapValues((key, value) -> key.length() + value.length(),
                Materialized.<String, Integer, KeyValueStore<Bytes, byte[]>>as("lengths")
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.Integer()))
            .toStream()
            .to("name-lengths", Produced.with(Serdes.String(), Serdes.Integer()));
        names.mapValues(value -> value.toUpperCase(Locale.ROOT))
            .toStream()
            .to("upper-names", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("names", "id1", "ada", 1_000)
            .pipe("names", "id2", "grace", 2_000)
            .pipe("names", "id1", "ada lovelace", 3_000)
            .pipe("names", "id2", null, 4_000)
            .pipe("names", "id3", null, 5_000);
    }
}
