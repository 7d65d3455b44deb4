package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class TableToStreamRekey extends DslScenario {
    @Override
    public String description() {
        return "KTable.toStream(KeyValueMapper) re-keys the changelog stream (key upper-cased, value appended); the mapper also "
            + "sees tombstones (value null).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("codes", STRING, STRING).out("codes-upper", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("codes", Consumed.with(Serdes.String(), Serdes.String()))
            .toStream((key, value) -> key.toUpperCase(Locale.ROOT) + "-" + value)
            .to("codes-upper", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("codes", "de", "germany", 1_000)
            .pipe("codes", "fr", "france", 2_000)
            .pipe("codes", "de", null, 3_000);
    }
}
