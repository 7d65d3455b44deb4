package dev.kstreams.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every scenario on Kafka Streams' TopologyTestDriver, with caching off and on, and writes one
 * vector per scenario: `Generator <vectors dir> [scenario name ...]`.
 */
public final class Generator {
    static final long CACHE_ON_BYTES = 10L * 1024 * 1024;
    private static final String SOURCE_ROOT = "test/conformance/java/src/main/java/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Generator() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length < 1) throw new IllegalArgumentException("usage: Generator <vectors dir> [scenario ...]");
        final Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final Set<String> only = Set.copyOf(Arrays.asList(args).subList(1, args.length));
        final Set<String> seen = new HashSet<>();
        int written = 0;
        for (final Scenario scenario : Scenarios.ALL) {
            if (!seen.add(scenario.name())) throw new IllegalStateException("two scenarios are named " + scenario.name());
            if (!only.isEmpty() && !only.contains(scenario.name())) continue;
            final ObjectNode vector;
            try {
                vector = vector(scenario);
            } catch (final RuntimeException e) {
                throw new IllegalStateException("scenario " + scenario.name() + " failed: " + e, e);
            }
            Files.writeString(dir.resolve(scenario.name() + ".json"), JsonLayout.write(vector), StandardCharsets.UTF_8);
            written++;
        }
        for (final String name : only) {
            if (!seen.contains(name)) throw new IllegalArgumentException("no scenario is named " + name);
        }
        System.out.println("wrote " + written + " conformance vectors to " + dir);
    }

    static ObjectNode vector(final Scenario scenario) {
        final Topics topics = new Topics();
        scenario.topics(topics);
        final Script script = new Script(topics);
        scenario.script(script);
        final List<Script.Op> ops = script.ops();

        final ObjectNode vector = JSON.objectNode();
        vector.put("scenario", scenario.name());
        vector.put("description", scenario.description());
        vector.put("javaSource", SOURCE_ROOT + scenario.getClass().getName().replace('.', '/') + ".java");
        vector.put("applicationId", DriverRun.applicationId(scenario));
        vector.put("initialWallClockMs", DriverRun.INITIAL_WALL_CLOCK_MS);
        final ObjectNode config = vector.putObject("config");
        scenario.config().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> config.put(e.getKey(), e.getValue()));
        final ObjectNode cache = vector.putObject("cacheMaxBytes");
        cache.put("cacheOff", 0);
        cache.put("cacheOn", CACHE_ON_BYTES);
        vector.put("describe", DriverRun.describe(scenario));
        vector.set("inputTopics", topicsJson(topics.inputs()));
        vector.set("outputTopics", topicsJson(topics.outputs()));
        vector.set("inputs", inputsJson(ops));

        final ObjectNode cacheOff = DriverRun.run(scenario, topics, ops, 0);
        final ObjectNode cacheOn = DriverRun.run(scenario, topics, ops, CACHE_ON_BYTES);
        final boolean invariant = cacheOff.equals(cacheOn);
        vector.put("cachingInvariant", invariant);
        final ObjectNode runs = vector.putObject("runs");
        runs.set("cacheOff", cacheOff);
        if (!invariant) runs.set("cacheOn", cacheOn);
        return vector;
    }

    private static ArrayNode topicsJson(final List<Topic> topics) {
        final ArrayNode array = JSON.arrayNode();
        for (final Topic topic : topics) {
            array.addObject().put("topic", topic.name()).put("keySerde", topic.key().label()).put("valueSerde", topic.value().label());
        }
        return array;
    }

    private static ArrayNode inputsJson(final List<Script.Op> ops) {
        final ArrayNode array = JSON.arrayNode();
        for (final Script.Op op : ops) {
            final ObjectNode node = array.addObject();
            if (op instanceof Script.Pipe pipe) {
                node.put("op", "pipe");
                node.put("topic", pipe.topic().name());
                node.set("key", DriverRun.encoded(pipe.keyBytes(), pipe.topic().key()));
                node.set("value", DriverRun.encoded(pipe.valueBytes(), pipe.topic().value()));
                node.put("timestamp", pipe.timestamp());
                node.set("headers", DriverRun.headersJson(DriverRun.headers(pipe.headers())));
            } else if (op instanceof Script.AdvanceWallClock advance) {
                node.put("op", "advanceWallClock");
                node.put("ms", advance.ms());
            }
        }
        return array;
    }
}
