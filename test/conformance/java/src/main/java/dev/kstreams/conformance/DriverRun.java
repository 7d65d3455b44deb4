package dev.kstreams.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;

/** One run of a scenario on Kafka Streams' TopologyTestDriver, captured as the JSON of a vector's run. */
final class DriverRun {
    static final long INITIAL_WALL_CLOCK_MS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private DriverRun() {
    }

    static String applicationId(final Scenario scenario) {
        return "conformance-" + scenario.name();
    }

    static Properties config(final Scenario scenario, final long cacheMaxBytes, final Path stateDir) {
        final Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(scenario));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(cacheMaxBytes));
        for (final Map.Entry<String, String> entry : scenario.config().entrySet()) {
            final boolean isSerde = entry.getKey().equals(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG)
                || entry.getKey().equals(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
            config.put(entry.getKey(), isSerde ? SerdeName.byLabel(entry.getValue()).serdeClass().getName() : entry.getValue());
        }
        return config;
    }

    static String describe(final Scenario scenario) {
        return withStateDir(dir -> scenario.topology(config(scenario, 0, dir)).describe().toString());
    }

    static ObjectNode run(final Scenario scenario, final Topics topics, final List<Script.Op> ops, final long cacheMaxBytes) {
        return withStateDir(dir -> {
            final Properties config = config(scenario, cacheMaxBytes, dir);
            // Printed.toSysOut() takes System.out when the topology is built, so swap it first
            final PrintStream realOut = System.out;
            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (TopologyTestDriver driver =
                     new TopologyTestDriver(scenario.topology(config), config, Instant.ofEpochMilli(INITIAL_WALL_CLOCK_MS))) {
                return capture(driver, topics, ops, printed);
            } finally {
                System.setOut(realOut);
            }
        });
    }

    private static ObjectNode capture(final TopologyTestDriver driver, final Topics topics, final List<Script.Op> ops,
                                      final ByteArrayOutputStream printed) {
        final Map<String, TestInputTopic<byte[], byte[]>> inputs = new LinkedHashMap<>();
        for (final Topic topic : topics.inputs()) {
            inputs.put(topic.name(), driver.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        final Map<Topic, TestOutputTopic<byte[], byte[]>> outputs = new LinkedHashMap<>();
        for (final Topic topic : topics.outputs()) {
            outputs.put(topic, driver.createOutputTopic(topic.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        }

        final ArrayNode outputRecords = JSON.arrayNode();
        final ArrayNode printedLines = JSON.arrayNode();
        // anything produced while the driver starts (none so far) is marked afterInput -1
        collect(-1, outputs, outputRecords, printed, printedLines);
        for (int i = 0; i < ops.size(); i++) {
            final Script.Op op = ops.get(i);
            if (op instanceof Script.Pipe pipe) {
                inputs.get(pipe.topic().name()).pipeInput(
                    new TestRecord<>(pipe.keyBytes(), pipe.valueBytes(), headers(pipe.headers()), Instant.ofEpochMilli(pipe.timestamp())));
            } else if (op instanceof Script.AdvanceWallClock advance) {
                driver.advanceWallClockTime(Duration.ofMillis(advance.ms()));
            }
            collect(i, outputs, outputRecords, printed, printedLines);
        }

        final ObjectNode run = JSON.objectNode();
        run.set("outputs", outputRecords);
        run.set("stores", stores(driver));
        final ArrayNode produced = run.putArray("producedTopicNames");
        new TreeSet<>(driver.producedTopicNames()).forEach(produced::add);
        run.put("droppedRecords", droppedRecords(driver));
        if (!printedLines.isEmpty()) run.set("printed", printedLines);
        return run;
    }

    /** Fresh headers for every pipe: processors may change a record's headers in place. */
    static Headers headers(final List<Script.Header> headers) {
        final RecordHeaders result = new RecordHeaders();
        for (final Script.Header header : headers) result.add(header.key(), header.value() == null ? null : header.value().clone());
        return result;
    }

    private static void collect(final int afterInput, final Map<Topic, TestOutputTopic<byte[], byte[]>> outputs, final ArrayNode into,
                                final ByteArrayOutputStream printed, final ArrayNode printedLines) {
        for (final Map.Entry<Topic, TestOutputTopic<byte[], byte[]>> entry : outputs.entrySet()) {
            final Topic topic = entry.getKey();
            while (!entry.getValue().isEmpty()) {
                final TestRecord<byte[], byte[]> record = entry.getValue().readRecord();
                final ObjectNode out = into.addObject();
                out.put("afterInput", afterInput);
                out.put("topic", topic.name());
                out.set("key", encoded(record.key(), topic.key()));
                out.set("value", encoded(record.value(), topic.value()));
                out.put("timestamp", record.timestamp());
                out.set("headers", headersJson(record.headers()));
            }
        }
        final String text = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        for (final String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            printedLines.addObject().put("afterInput", afterInput).put("line", line);
        }
    }

    static JsonNode encoded(final byte[] bytes, final SerdeName serde) {
        if (bytes == null) return NullNode.instance;
        final ObjectNode node = JSON.objectNode();
        node.put("hex", HEX.formatHex(bytes));
        node.set("decoded", SerdeName.decodedView(serde.deserialize(bytes)));
        return node;
    }

    /** A value read back from a store, serialized with the serde its type implies. */
    private static JsonNode encodedObject(final Object value) {
        if (value == null) return NullNode.instance;
        final SerdeName serde = SerdeName.forValue(value);
        return encoded(serde.serialize(value), serde);
    }

    static ArrayNode headersJson(final Iterable<org.apache.kafka.common.header.Header> headers) {
        final ArrayNode array = JSON.arrayNode();
        for (final org.apache.kafka.common.header.Header header : headers) {
            final ObjectNode node = array.addObject();
            node.put("key", header.key());
            if (header.value() == null) node.putNull("valueHex");
            else node.put("valueHex", HEX.formatHex(header.value()));
        }
        return array;
    }

    /**
     * Every store of the topology (global ones too), by name, entries in the store's iteration order
     * (the serialized keys' byte order). The serdes are read off the values themselves.
     */
    private static ObjectNode stores(final TopologyTestDriver driver) {
        final ObjectNode stores = JSON.objectNode();
        final Map<String, StateStore> all = new TreeMap<>(driver.getAllStateStores());
        for (final Map.Entry<String, StateStore> entry : all.entrySet()) {
            final String name = entry.getKey();
            final StateStore store = entry.getValue();
            final List<Object[]> rows = new ArrayList<>(); // key, value, timestamp or null
            final String type;
            if (store instanceof TimestampedKeyValueStore) {
                type = "timestampedKeyValue";
                final KeyValueStore<Object, ValueAndTimestamp<Object>> typed = driver.getTimestampedKeyValueStore(name);
                try (KeyValueIterator<Object, ValueAndTimestamp<Object>> it = typed.all()) {
                    it.forEachRemaining(kv -> rows.add(new Object[] {kv.key, kv.value.value(), kv.value.timestamp()}));
                }
            } else if (store instanceof KeyValueStore) {
                type = "keyValue";
                final KeyValueStore<Object, Object> typed = driver.getKeyValueStore(name);
                try (KeyValueIterator<Object, Object> it = typed.all()) {
                    it.forEachRemaining((KeyValue<Object, Object> kv) -> rows.add(new Object[] {kv.key, kv.value, null}));
                }
            } else {
                throw new IllegalStateException("store " + name + " is a " + store.getClass().getName() + ": only key-value stores are dumped");
            }
            final ObjectNode node = stores.putObject(name);
            node.put("type", type);
            // read off the first entry; null for an empty store
            node.put("keySerde", rows.isEmpty() ? null : SerdeName.forValue(rows.get(0)[0]).label());
            node.put("valueSerde", rows.isEmpty() ? null : SerdeName.forValue(rows.get(0)[1]).label());
            final ArrayNode entries = node.putArray("entries");
            for (final Object[] row : rows) {
                final ObjectNode e = entries.addObject();
                e.set("key", encodedObject(row[0]));
                e.set("value", encodedObject(row[1]));
                if (row[2] != null) e.put("timestamp", (Long) row[2]);
            }
        }
        return stores;
    }

    /** Task-level dropped-records-total: null keys where a key is needed, negative timestamps, ... */
    private static long droppedRecords(final TopologyTestDriver driver) {
        return Math.round(driver.metrics().entrySet().stream()
            .filter(m -> m.getKey().name().equals("dropped-records-total") && m.getKey().group().equals("stream-task-metrics"))
            .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
            .sum());
    }

    private interface WithDir<T> {
        T apply(Path dir) throws IOException;
    }

    private static <T> T withStateDir(final WithDir<T> body) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kstreams-conformance-");
            return body.apply(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
