package dev.kstreams.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The input and output topics a scenario declares; outputs are read in the order declared. */
public final class Topics {
    private final List<Topic> inputs = new ArrayList<>();
    private final List<Topic> outputs = new ArrayList<>();

    public Topics in(final String name, final SerdeName key, final SerdeName value) {
        inputs.add(new Topic(name, key, value));
        return this;
    }

    public Topics out(final String name, final SerdeName key, final SerdeName value) {
        outputs.add(new Topic(name, key, value));
        return this;
    }

    public List<Topic> inputs() {
        return List.copyOf(inputs);
    }

    public List<Topic> outputs() {
        return List.copyOf(outputs);
    }

    Optional<Topic> input(final String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
