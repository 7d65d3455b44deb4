package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.Script.header;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class FilterLength extends DslScenario {
    @Override
    public String description() {
        return "The example users start from: stream_log filtered to values longer than 5 characters (String.length, UTF-16 units) "
            + "into stream_log_filter; null keys, headers (repeated keys kept in order) and timestamps pass through unchanged.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("stream_log", STRING, STRING).out("stream_log_filter", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("stream_log", Consumed.with(Serdes.String(), Serdes.String()))
            .filter((key, value) -> value.length() > 5)
            .to("stream_log_filter", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("stream_log", "a", "short", 1_000)
            .pipe("stream_log", "b", "long enough", 1_000)
            .pipe("stream_log", null, "no key at all", 500)
            .pipe("stream_log", "c", "123456", 2_000, header("trace", "t-1"), header("trace", "t-2"), header("empty", null))
            .pipe("stream_log", "d", "12345", 3_000, header("h", "x"))
            .pipe("stream_log", "e", "", 4_000)
            .pipe("stream_log", "f", "ab\uD83D\uDE00\uD83D\uDE00", 5_000)
            .pipe("stream_log", "g", "ab\uD83D\uDE00", 5_000);
    }
}
