package dev.kstreams.conformance;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * One conformance scenario: a topology, the topics it reads and writes, and the input to pipe.
 * The generator runs it twice (caching off, caching on) and writes what came out.
 */
public abstract class Scenario {
    /** What the scenario checks, for the reader of the vector and of the TypeScript twin. */
    public abstract String description();

    public abstract void topics(Topics topics);

    /** A fresh topology; `config` is what the driver gets (needed by StreamsBuilder#build for optimization). */
    public abstract Topology topology(Properties config);

    public abstract void script(Script script);

    /**
     * Extra config, written to the vector as it is. Serde values are kstreams serde names
     * ("String", "Long"); the generator turns them into Java classes.
     */
    public Map<String, String> config() {
        return Map.of();
    }

    /** The vector's name: the class name in kebab case (FilterLength → filter-length). */
    public String name() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
