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
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableFilterMaterialized extends DslScenario {
    /** The input of the table-filter scenarios: scores crossing the threshold of 10 both ways, and tombstones. */
    static void scores(final Script script) {
        script.pipe("scores", "a", 5L, 1_000)
            .pipe("scores", "a", 20L, 2_000)
            .pipe("scores", "b", 30L, 3_000)
            .pipe("scores", "a", 3L, 4_000)
            .pipe("scores", "c", 1L, 5_000)
            .pipe("scores", "b", null, 6_000)
            .pipe("scores", "d", null, 7_000)
            .pipe("scores", "a", 11L, 8_000);
    }

    @Override
    public String description() {
        return "KTable.filter materialized as \"high-scores-store\" (scores > 10): same input as table-filter; the store holds "
            + "only passing rows. Without caching every filtered update is forwarded as a tombstone; with caching, a delete of "
            + "a key the store never had is not forwarded. Materialized names its serdes: Java's filter does not hand the table's "
            + "serdes to its store (the store would fall back to the default serdes).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("scores", STRING, LONG).out("high-scores", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("scores", Consumed.with(Serdes.String(), Serdes.Long()))
            .filter((key, value) -> value > 10, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("high-scores-store")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
            .toStream()
            .to("high-scores", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        scores(script);
    }
}
