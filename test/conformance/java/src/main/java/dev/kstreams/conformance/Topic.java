package dev.kstreams.conformance;

/** A topic a scenario reads or writes, with the serdes of its keys and values. */
public record Topic(String name, SerdeName key, SerdeName value) {
}
