// Twin of TableGroupByAggregate.java: team rosters, a sorted comma list kept by an adder and a subtractor.
import { Consumed, Grouped, KeyValue, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

/** Java's TreeSet of Strings: sorted by UTF-16 code units, which is what JavaScript's default sort compares. */
function edit(roster: string, player: string, add: boolean): string {
  const players = new Set(roster.length === 0 ? [] : javaSplit(roster, ','));
  if (add) players.add(player);
  else players.delete(player);
  return [...players].sort().join(',');
}

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('players', Consumed.with(Serdes.String(), Serdes.String()))
    .groupBy((player, team) => KeyValue.pair(team, player), Grouped.with(Serdes.String(), Serdes.String()))
    .aggregate(
      () => '',
      (_team, player, roster) => edit(roster, player, true),
      (_team, player, roster) => edit(roster, player, false),
      Materialized.as<string, string>('rosters').withValueSerde(Serdes.String()),
    )
    .toStream()
    .to('rosters', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
