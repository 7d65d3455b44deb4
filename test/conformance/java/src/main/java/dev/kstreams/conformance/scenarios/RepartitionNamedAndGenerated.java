package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

public final class RepartitionNamedAndGenerated extends DslScenario {
    @Override
    public String description() {
        return "KStream.repartition twice after selectKey: once named (Repartitioned.as \"by-user\" → <app>-by-user-repartition), "
            + "once with a generated name (KSTREAM-REPARTITION-...); records, timestamps and headers survive the round trip.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("clicks", STRING, STRING).out("clicks-by-user", STRING, STRING).out("clicks-by-page", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final Produced<String, String> produced = Produced.with(Serdes.String(), Serdes.String());
        final KStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()));
        clicks.selectKey((key, value) -> value.split("@")[0])
            .repartition(Repartitioned.<String, String>as("by-user").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .to("clicks-by-user", produced);
        clicks.selectKey((key, value) -> value.split("@")[1])
            .repartition(Repartitioned.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value.split("@")[0])
            .to("clicks-by-page", produced);
    }

    @Override
    public void script(final Script script) {
        script.pipe("clicks", "c1", "alice@home", 1_000, header("ip", "10.0.0.1"))
            .pipe("clicks", "c2", "bob@cart", 2_000)
            .pipe("clicks", null, "alice@cart", 1_500);
    }
}
