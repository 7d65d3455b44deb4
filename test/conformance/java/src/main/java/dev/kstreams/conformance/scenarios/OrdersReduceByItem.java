package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.LONG;
import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class OrdersReduceByItem extends DslScenario {
    @Override
    public String description() {
        return "Orders keyed by order id with \"item,quantity\" values: map to (item, quantity), groupByKey(Grouped.with String/Long) "
            + "repartitions, reduce(Long::sum) materialized as \"item-totals\" gives the running quantity per item.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("orders", STRING, STRING).out("item-totals", STRING, LONG);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
            .map((orderId, line) -> KeyValue.pair(line.split(",")[0], Long.parseLong(line.split(",")[1])))
            .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
            .reduce(Long::sum, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("item-totals"))
            .toStream()
            .to("item-totals", Produced.with(Serdes.String(), Serdes.Long()));
    }

    @Override
    public void script(final Script script) {
        script.pipe("orders", "o1", "apple,3", 1_000)
            .pipe("orders", "o2", "pear,1", 2_000)
            .pipe("orders", "o3", "apple,2", 3_000)
            .pipe("orders", "o4", "apple,-1", 2_500)
            .pipe("orders", "o5", "pear,10", 4_000);
    }
}
