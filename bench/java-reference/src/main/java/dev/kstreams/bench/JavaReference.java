package dev.kstreams.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One scenario of bench/throughput.ts run by Apache Kafka's own Java clients / Kafka Streams, started
 * by bench/java-reference.ts:
 *
 * <pre>
 *   java -cp ... dev.kstreams.bench.JavaReference SCENARIO BOOTSTRAP INPUT OUTPUT ID STATE_DIR [key=value ...]
 *     baseline      KafkaConsumer poll → KafkaProducer send of every record → flush → commitSync (ID = group id)
 *     pass-through  stream → to
 *     filter-map    filter (drops the keys ending in 0) → mapValues(toUpperCase) → to
 *     word-count    flatMapValues(split ' ') → groupBy(word) → count (RocksDB, cache) → toStream → to
 * </pre>
 *
 * The key=value arguments are extra client / Streams settings (experiments only). Reports on stdout,
 * one line each, times in epoch milliseconds: {@code java-reference running <ms>} once it consumes
 * (baseline: first assignment; Streams: state RUNNING), {@code java-reference state <STATE> <ms>},
 * {@code java-reference closed <ms>}. SIGTERM closes the consumer and producer / KafkaStreams
 * gracefully (leaving the group) before the JVM exits.
 */
public final class JavaReference {
    private JavaReference() {}

    private static synchronized void report(String what) {
        System.out.println("java-reference " + what + " " + System.currentTimeMillis());
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: JavaReference baseline|pass-through|filter-map|word-count BOOTSTRAP INPUT OUTPUT ID STATE_DIR [key=value ...]");
            System.exit(2);
        }
        String scenario = args[0];
        String bootstrap = args[1];
        String input = args[2];
        String output = args[3];
        String id = args[4];
        String stateDir = args[5];
        Properties extra = new Properties();
        for (String setting : Arrays.copyOfRange(args, 6, args.length)) {
            int eq = setting.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + setting);
            extra.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        if (scenario.equals("baseline")) {
            baseline(bootstrap, input, output, id, extra);
        } else {
            streams(scenario, bootstrap, input, output, id, stateDir, extra);
        }
    }

    /** The plain consume → produce loop: what Kafka Streams' at-least-once loop does, without Streams. */
    private static void baseline(String bootstrap, String input, String output, String groupId, Properties extra) throws Exception {
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.putAll(extra);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // the producer Kafka Streams uses under at_least_once: idempotent, acks=all (linger.ms: the client default)
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.putAll(extra);

        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch loopDone = new CountDownLatch(1);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            consumer.wakeup();
            try {
                loopDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            report("closed");
        }, "java-reference-shutdown"));

        AtomicBoolean announced = new AtomicBoolean(false);
        try {
            consumer.subscribe(List.of(input), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    if (!announced.getAndSet(true)) report("running");
                }
            });
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) continue;
                sends.clear();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    sends.add(producer.send(new ProducerRecord<>(output, null, r.timestamp(), r.key(), r.value())));
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) send.get(); // throws if a send failed
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running.get()) throw e;
        } catch (Exception e) {
            e.printStackTrace();
            throw e;
        } finally {
            try {
                consumer.close(Duration.ofSeconds(30));
                producer.close(Duration.ofSeconds(30));
            } finally {
                loopDone.countDown();
            }
        }
    }

    private static Topology topology(String scenario, String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        switch (scenario) {
            case "pass-through":
                builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
                break;
            case "filter-map":
                builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                    .filter((key, value) -> !key.endsWith("0"))
                    .mapValues(value -> value.toUpperCase())
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
                break;
            case "word-count":
                builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                    .flatMapValues(line -> Arrays.asList(line.split(" ")))
                    .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
                    .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-store")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                    .toStream()
                    .to(output, Produced.with(Serdes.String(), Serdes.Long()));
                break;
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario + " (baseline, pass-through, filter-map, word-count)");
        }
        return builder.build();
    }

    private static void streams(String scenario, String bootstrap, String input, String output, String applicationId, String stateDir, Properties extra) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10L * 1024 * 1024);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Kafka Streams' consumers do not leave the group on close (the members stay until the session
        // times out, 45 s); here they leave, so the benchmark can delete the group at the end. Only
        // close() changes.
        props.put(StreamsConfig.mainConsumerPrefix("internal.leave.group.on.close"), true);
        props.putAll(extra);

        KafkaStreams streams = new KafkaStreams(topology(scenario, input, output), props);
        CountDownLatch failed = new CountDownLatch(1);
        streams.setStateListener((newState, oldState) -> {
            report("state " + newState);
            if (newState == KafkaStreams.State.RUNNING) report("running");
            if (newState == KafkaStreams.State.ERROR) failed.countDown();
        });
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("java-reference: stream thread failed:");
            e.printStackTrace();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(60));
            report("closed");
        }, "java-reference-shutdown"));
        streams.start();
        failed.await(); // until SIGTERM (the JVM exits, running the hook) or the client fails
        System.err.println("java-reference: KafkaStreams went to ERROR");
        System.exit(1);
    }
}
