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

public final class GlobalTableStore extends DslScenario {
    @Override
    public String description() {
        return "builder.globalTable materialized as \"currencies-store\" beside an unrelated stream: describe() shows the global "
            + "sub-topology; the store dump shows upserts and tombstone deletes applied as they are piped (joins come later).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("currencies", STRING, STRING).in("payments", STRING, STRING).out("payments-out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.globalTable("currencies", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("currencies-store"));
        builder.stream("payments", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value + " (unconverted)")
            .to("payments-out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("currencies", "EUR", "euro", 1_000)
            .pipe("currencies", "USD", "dollar", 1_000)
            .pipe("payments", "p1", "EUR 10", 2_000)
            .pipe("currencies", "EUR", null, 3_000)
            .pipe("currencies", "JPY", "yen", 500)
            .pipe("currencies", "USD", "US dollar", 4_000);
    }
}
