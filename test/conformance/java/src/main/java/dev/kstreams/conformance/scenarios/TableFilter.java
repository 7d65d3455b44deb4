package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class TableFilter extends DslScenario {
    @Override
    public String description() {
        return "KTable.filter (not materialized) keeping scores > 10 on a source table that is not materialized either: with "
            + "no old values to consult, every update failing the predicate is emitted as a tombstone, also for a key that never "
            + "passed; source tombstones pass as tombstones.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("scores", STRING, LONG).out("high-scores", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("scores", Consumed.with(Serdes.String(), Serdes.Long()))
            .filter((key, value) -> value > 10)
            .toStream()
            .to("high-scores", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        TableFilterMaterialized.scores(script);
    }
}
