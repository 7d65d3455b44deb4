package dev.kstreams.conformance.scenarios;

import static dev.kstreams.conformance.SerdeName.STRING;

import dev.kstreams.conformance.DslScenario;
import dev.kstreams.conformance.Script;
import dev.kstreams.conformance.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

public final class TableGroupByAggregate extends DslScenario {
    @Override
    public String description() {
        return "Team rosters: table(player → team).groupBy(team, player).aggregate(\"\", adder adds the player to a sorted "
            + "comma list, subtractor removes it) materialized as \"rosters\"; an emptied roster is the empty string, not a "
            + "tombstone; aggregate timestamps are the max of the stored and the new record's.";
    }

    @Override
    public void topics(final Topics topics) {
        topics.in("players", STRING, STRING).out("rosters", STRING, STRING);
    }

    @Override
    protected void build(final StreamsBuilder builder) {
        builder.table("players", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((player, team) -> KeyValue.pair(team, player), Grouped.with(Serdes.String(), Serdes.String()))
            .aggregate(() -> "",
                (team, player, roster) -> edit(roster, player, true),
                (team, player, roster) -> edit(roster, player, false),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("rosters").withValueSerde(Serdes.String()))
            .toStream()
            .to("rosters", Produced.with(Serdes.String(), Serdes.String()));
    }

    private static String edit(final String roster, final String player, final boolean add) {
        final TreeSet<String> players = new TreeSet<>(roster.isEmpty() ? List.of() : Arrays.asList(roster.split(",")));
        if (add) players.add(player);
        else players.remove(player);
        return String.join(",", players);
    }

    @Override
    public void script(final Script script) {
        script.pipe("players", "zoe", "red", 5_000)
            .pipe("players", "adam", "red", 1_000)
            .pipe("players", "mia", "blue", 2_000)
            .pipe("players", "zoe", "blue", 3_000)
            .pipe("players", "adam", null, 4_000)
            .pipe("players", "mia", "blue", 7_000);
    }
}
