// A topology module for the integration tests: Integer values from KSTREAMS_IT_DOUBLE_INPUT, doubled,
// to KSTREAMS_IT_DOUBLE_OUTPUT. Worker threads copy the environment when they start, so a test sets
// both variables before it starts the client.
const { Consumed, Produced, Serdes, defineTopology } = require('../../../../dist/index.js');

module.exports = defineTopology((builder) => {
  builder
    .stream(process.env.KSTREAMS_IT_DOUBLE_INPUT, Consumed.with(Serdes.String(), Serdes.Integer()))
    .mapValues((n) => n * 2)
    .to(process.env.KSTREAMS_IT_DOUBLE_OUTPUT, Produced.with(Serdes.String(), Serdes.Integer()));
});
