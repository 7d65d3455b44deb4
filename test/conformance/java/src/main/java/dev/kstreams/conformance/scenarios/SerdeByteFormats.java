package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.BOOLEAN;
import static dev.kstreams.conformance.SerdeName.BYTE_ARRAY;
import static dev.kstreams.conformance.SerdeName.DOUBLE;
import static dev.kstreams.conformance.SerdeName.FLOAT;
import static dev.kstreams.conformance.SerdeName.INTEGER;
import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.SHORT;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class SerdeByteFormats extends DslScenario {
    @Override
    public String description() {
        return "Every built-in serde's bytes, in and out: Integer→Long (value doubled), Long/Double (divided by 3, -0.0 and a "
            + "subnormal included), Short/Float (doubled), Boolean (negated), ByteArray (reversed; empty is not null), String "
            + "(multi-byte UTF-8, \"\" is not null; value + \"|\" + String.length()).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("ints", INTEGER, INTEGER).out("ints-out", LONG, LONG)
            .in("doubles", LONG, DOUBLE).out("doubles-out", LONG, DOUBLE)
            .in("floats", SHORT, FLOAT).out("floats-out", SHORT, FLOAT)
            .in("flags", STRING, BOOLEAN).out("flags-out", STRING, BOOLEAN)
            .in("bytes", BYTE_ARRAY, BYTE_ARRAY).out("bytes-out", BYTE_ARRAY, BYTE_ARRAY)
            .in("texts", STRING, STRING).out("texts-out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("ints", Consumed.with(Serdes.Integer(), Serdes.Integer()))
            .map((key, value) -> KeyValue.pair(key == null ? null : key.longValue(), value == null ? null : value * 2L))
            .to("ints-out", Produced.with(Serdes.Long(), Serdes.Long()));
        builder.stream("doubles", Consumed.with(Serdes.Long(), Serdes.Double()))
            .mapValues(value -> value / 3)
            .to("doubles-out", Produced.with(Serdes.Long(), Serdes.Double()));
        builder.stream("floats", Consumed.with(Serdes.Short(), Serdes.Float()))
            .mapValues(value -> value * 2)
            .to("floats-out", Produced.with(Serdes.Short(), Serdes.Float()));
        builder.stream("flags", Consumed.with(Serdes.String(), Serdes.Boolean()))
            .mapValues(value -> !value)
            .to("flags-out", Produced.with(Serdes.String(), Serdes.Boolean()));
        builder.stream("bytes", Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .mapValues(value -> {
                final byte[] reversed = new byte[value.length];
                for (int i = 0; i < value.length; i++) reversed[i] = value[value.length - 1 - i];
                return reversed;
            })
            .to("bytes-out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        builder.stream("texts", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value + "|" + value.length())
            .to("texts-out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("ints", 1, 21, 1_000)
            .pipe("ints", Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000)
            .pipe("ints", -1, Integer.MIN_VALUE, 1_000)
            .pipe("ints", null, null, 1_000)
            .pipe("doubles", 1L, 1.0, 2_000)
            .pipe("doubles", -1L, -0.0, 2_000)
            .pipe("doubles", 9_007_199_254_740_991L, 1e300, 2_000)
            .pipe("doubles", -9_007_199_254_740_991L, Double.MIN_VALUE, 2_000)
            .pipe("doubles", 0L, -2.5e-8, 2_000)
            .pipe("floats", (short) -32768, 0.1f, 3_000)
            .pipe("floats", (short) 32767, -1.7e38f, 3_000)
            .pipe("floats", (short) 0, 1.5f, 3_000)
            .pipe("flags", "t", true, 4_000)
            .pipe("flags", "f", false, 4_000)
            .pipe("bytes", new byte[] {1, 2, (byte) 0xff}, new byte[] {0, (byte) 0x80, 127}, 5_000)
            .pipe("bytes", new byte[0], new byte[0], 5_000)
            .pipe("texts", "ключ", "日本語", 6_000)
            .pipe("texts", "emoji", "\uD83D\uDE00 e\u0301", 6_000)
            .pipe("texts", "", "", 6_000);
    }
}
