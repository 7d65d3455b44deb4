// A topology module for the integration tests: String values from KSTREAMS_IT_FAIL_ONCE_INPUT,
// upper-cased, to KSTREAMS_IT_FAIL_ONCE_OUTPUT. The value 'boom' throws the first time any thread
// meets it: the marker file KSTREAMS_IT_FAIL_ONCE_MARKER, shared by all threads, says it happened.
const { existsSync, writeFileSync } = require('node:fs');
const { Consumed, Produced, Serdes, defineTopology } = require('../../../../dist/index.js');

module.exports = defineTopology((builder) => {
  const marker = process.env.KSTREAMS_IT_FAIL_ONCE_MARKER;
  builder
    .stream(process.env.KSTREAMS_IT_FAIL_ONCE_INPUT, Consumed.with(Serdes.String(), Serdes.String()))
    .mapValues((value) => {
      if (value === 'boom' && !existsSync(marker)) {
        writeFileSync(marker, 'failed once');
        throw new Error('cannot upper-case boom');
      }
      return value.toUpperCase();
    })
    .to(process.env.KSTREAMS_IT_FAIL_ONCE_OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
});
