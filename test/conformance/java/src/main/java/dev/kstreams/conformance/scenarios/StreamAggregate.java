package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

public final class StreamAggregate extends DslScenario {
    @Override
    public String description() {
        return "groupByKey().aggregate(initializer \"0,0\", adder keeping \"count,sum\") with Materialized.with(String, String): "
            + "a Long stream aggregated into a String; generated store name; timestamps out of order.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("payments", STRING, LONG).out("payment-stats", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("payments", Consumed.with(Serdes.String(), Serdes.Long()))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
            .aggregate(
                () -> "0,0",
                (key, amount, stats) -> {
                    final String[] parts = stats.split(",");
                    return (Long.parseLong(parts[0]) + 1) + "," + (Long.parseLong(parts[1]) + amount);
                },
                Materialized.with(Serdes.String(), Serdes.String()))
            .toStream()
            .to("payment-stats", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("payments", "acct1", 100L, 2_000)
            .pipe("payments", "acct2", 7L, 2_000)
            .pipe("payments", "acct1", -40L, 1_000)
            .pipe("payments", "acct1", 15L, 6_000);
    }
}
