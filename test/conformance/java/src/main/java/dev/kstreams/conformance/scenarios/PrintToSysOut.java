package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Printed;
import org.apache.kafka.streams.kstream.Produced;

public final class PrintToSysOut extends DslScenario {
    @Override
    public String description() {
        return "print(Printed.toSysOut().withLabel(\"log\")) writes \"[log]: key, value\" lines (recorded under \"printed\"); "
            + "a sibling branch writes the records to a topic.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("in", STRING, STRING).out("out", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        final KStream<String, String> stream = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        stream.print(Printed.<String, String>toSysOut().withLabel("log"));
        stream.to("out", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("in", "a", "first", 1_000)
            .pipe("in", null, "no key", 2_000)
            .pipe("in", "b", null, 3_000);
    }
}
