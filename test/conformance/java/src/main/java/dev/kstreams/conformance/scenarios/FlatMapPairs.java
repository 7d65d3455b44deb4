package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class FlatMapPairs extends DslScenario {
    @Override
    public String description() {
        return "flatMap parses \"a=1;b=2\" into records (a, 1L), (b, 2L): new keys, Long values, every record with the input's "
            + "timestamp and headers; empty parts are skipped, a null or empty value yields nothing.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("pairs", STRING, STRING).out("parsed", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("pairs", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMap((key, value) -> {
                final List<KeyValue<String, Long>> result = new ArrayList<>();
                if (value == null) return result;
                for (final String part : value.split(";")) {
                    if (part.isEmpty()) continue;
                    final String[] kv = part.split("=");
                    result.add(KeyValue.pair(kv[0], Long.parseLong(kv[1])));
                }
                return result;
            })
            .to("parsed", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("pairs", "r1", "a=1;b=2", 1_000, Script.header("batch", "1"))
            .pipe("pairs", "r2", "", 2_000)
            .pipe("pairs", "r3", null, 3_000)
            .pipe("pairs", "r4", "c=-5;;a=9007199254740991", 2_500)
            .pipe("pairs", null, "a=0", 4_000);
    }
}
