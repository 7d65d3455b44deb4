package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableChain extends DslScenario {
    @Override
    public String description() {
        return "A chain on a materialized table of \"name,price\" products: filter(price > 0) → mapValues(upper-case name) → "
            + "filterNot(name starts with X) → toStream(). The source is materialized, so old values flow down the chain and a "
            + "rejection only becomes a tombstone for a key that was passing before (p2 and xylophone never appear).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("products", STRING, STRING).out("catalog", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("products", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("products-store"))
            .filter((key, value) -> Long.parseLong(value.split(",")[1]) > 0)
            .mapValues(value -> value.split(",")[0].toUpperCase(Locale.ROOT))
            .filterNot((key, value) -> value.startsWith("X"))
            .toStream()
            .to("catalog", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("products", "p1", "widget,10", 1_000)
            .pipe("products", "p2", "gadget,0", 2_000)
            .pipe("products", "p3", "xylophone,5", 3_000)
            .pipe("products", "p1", "widget,0", 4_000)
            .pipe("products", "p3", "harp,5", 5_000)
            .pipe("products", "p3", null, 6_000);
    }
}
