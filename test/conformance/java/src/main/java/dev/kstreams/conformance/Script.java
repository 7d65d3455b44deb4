package dev.kstreams.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scenario's input, in order: records piped into input topics and wall-clock advances. Keys and
 * values are serialized here, once, with the input topic's serdes; both driver runs pipe the same bytes.
 */
public final class Script {
    /** A header as bytes; a null value is allowed, as in Kafka. */
    public record Header(String key, byte[] value) {
    }

    public sealed interface Op permits Pipe, AdvanceWallClock {
    }

    public record Pipe(Topic topic, Object key, Object value, byte[] keyBytes, byte[] valueBytes, long timestamp, List<Header> headers)
        implements Op {
    }

    public record AdvanceWallClock(long ms) implements Op {
    }

    private final Topics topics;
    private final List<Op> ops = new ArrayList<>();

    Script(final Topics topics) {
        this.topics = topics;
    }

    public static Header header(final String key, final String value) {
        return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public Script pipe(final String topic, final Object key, final Object value, final long timestamp, final Header... headers) {
        final Topic spec = topics.input(topic)
            .orElseThrow(() -> new IllegalArgumentException("pipe to undeclared input topic " + topic));
        ops.add(new Pipe(spec, key, value, spec.key().serialize(key), spec.value().serialize(value), timestamp, Arrays.asList(headers)));
        return this;
    }

    public Script advanceWallClock(final long ms) {
        ops.add(new AdvanceWallClock(ms));
        return this;
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }
}
