// A topology module for the integration tests: counts the records of each key of
// KSTREAMS_IT_COUNT_INPUT (String keys) in the store 'counts-store', to KSTREAMS_IT_COUNT_OUTPUT.
// One sub-topology, so every task holds a part of the store.
const { Consumed, Materialized, Produced, Serdes, defineTopology } = require('../../../../dist/index.js');

module.exports = defineTopology((builder) => {
  builder
    .stream(process.env.KSTREAMS_IT_COUNT_INPUT, Consumed.with(Serdes.String(), Serdes.String()))
    .groupByKey()
    .count(Materialized.as('counts-store'))
    .toStream()
    .to(process.env.KSTREAMS_IT_COUNT_OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
});
