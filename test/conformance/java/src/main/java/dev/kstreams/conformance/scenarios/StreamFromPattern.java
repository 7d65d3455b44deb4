package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

public final class StreamFromPattern extends DslScenario {
    @Override
    public String description() {
        return "builder.stream(Pattern.compile(\"events-.*\")): records from every matching topic; processValues prefixes each value "
            + "with the topic it came from (recordMetadata().topic()).";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("events-eu", STRING, STRING).in("events-us", STRING, STRING).out("all-events", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream(Pattern.compile("events-.*"), Consumed.with(Serdes.String(), Serdes.String()))
            .processValues(() -> new ContextualFixedKeyProcessor<String, String, String>() {
                @Override
                public void process(final FixedKeyRecord<String, String> record) {
                    final String topic = context().recordMetadata().map(m -> m.topic()).orElse("?");
                    context().forward(record.withValue(topic + "/" + record.value()));
                }
            })
            .to("all-events", Produced.with(Serdes.String(), Serdes.String()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("events-eu", "e1", "login", 1_000)
            .pipe("events-us", "e2", "logout", 2_000)
            .pipe("events-eu", "e3", "click", 1_500);
    }
}
