package dev.kstreams.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HexFormat;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes a vector may name. Each label is the name of the kstreams `Serdes` method that reads
 * and writes the same bytes, so the TypeScript side can look it up directly.
 */
public enum SerdeName {
    STRING("String", Serdes.String()),
    INTEGER("Integer", Serdes.Integer()),
    SHORT("Short", Serdes.Short()),
    LONG("Long", Serdes.Long()),
    FLOAT("Float", Serdes.Float()),
    DOUBLE("Double", Serdes.Double()),
    BOOLEAN("Boolean", Serdes.Boolean()),
    BYTE_ARRAY("ByteArray", Serdes.ByteArray());

    private final String label;
    private final Serde<Object> serde;

    @SuppressWarnings("unchecked")
    SerdeName(final String label, final Serde<?> serde) {
        this.label = label;
        this.serde = (Serde<Object>) serde;
    }

    public String label() {
        return label;
    }

    /** Java's serde class, for `default.key.serde` / `default.value.serde`. */
    public Class<?> serdeClass() {
        return serde.getClass();
    }

    public byte[] serialize(final Object value) {
        return value == null ? null : serde.serializer().serialize("", value);
    }

    public Object deserialize(final byte[] bytes) {
        return bytes == null ? null : serde.deserializer().deserialize("", bytes);
    }

    /** The decoded view written beside the hex: how JavaScript sees the value. */
    public static JsonNode decodedView(final Object value) {
        if (value == null) return NullNode.instance;
        if (value instanceof String s) return TextNode.valueOf(s);
        if (value instanceof Integer i) return IntNode.valueOf(i);
        if (value instanceof Short s) return IntNode.valueOf(s);
        if (value instanceof Long l) {
            if (Math.abs(l) > (1L << 53) - 1) throw new IllegalArgumentException("a Long beyond 2^53 has no exact JavaScript number: " + l);
            return LongNode.valueOf(l);
        }
        // a Float widened to double is exactly the number a JavaScript Float deserializer returns
        if (value instanceof Float f) return finite(f.doubleValue());
        if (value instanceof Double d) return finite(d);
        if (value instanceof Boolean b) return BooleanNode.valueOf(b);
        if (value instanceof byte[] bytes) return TextNode.valueOf(HexFormat.of().formatHex(bytes));
        throw new IllegalArgumentException("no serde name for " + value.getClass().getName() + ": scenarios use plain values only");
    }

    private static JsonNode finite(final double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON has no " + d + ": keep scenarios to finite numbers");
        return DoubleNode.valueOf(d);
    }

    /** The serde of a value read back from a store, where the scenario does not name one. */
    public static SerdeName forValue(final Object value) {
        if (value instanceof String) return STRING;
        if (value instanceof Integer) return INTEGER;
        if (value instanceof Short) return SHORT;
        if (value instanceof Long) return LONG;
        if (value instanceof Float) return FLOAT;
        if (value instanceof Double) return DOUBLE;
        if (value instanceof Boolean) return BOOLEAN;
        if (value instanceof byte[]) return BYTE_ARRAY;
        throw new IllegalArgumentException("no serde name for " + value.getClass().getName());
    }

    public static SerdeName byLabel(final String label) {
        for (final SerdeName name : values()) {
            if (name.label.equals(label)) return name;
        }
        throw new IllegalArgumentException("unknown serde name " + label);
    }
}
