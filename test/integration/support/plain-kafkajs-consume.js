// Reads a partition read_committed with kafkajs alone (no kstreams, so kafkajs's own
// filterAbortedMessages), from the group's committed offset until the value `untilValue`
// arrives, and prints the values it was given as JSON. Used to pin kafkajs's bug on a real broker.
const { Kafka, logLevel } = require('kafkajs');

const [brokers, topic, groupId, untilValue] = process.argv.slice(2);
const kafka = new Kafka({ clientId: 'plain-kafkajs', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
const values = [];

const timer = setTimeout(() => { console.error(`did not see ${untilValue} within 30 s`); process.exit(2); }, 30000);
(async () => {
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) values.push(String(message.value));
      if (values.includes(untilValue)) {
        clearTimeout(timer);
        process.stdout.write(JSON.stringify(values));
        setImmediate(() => consumer.disconnect().then(() => process.exit(0)));
      }
    },
  });
})().catch((error) => { console.error(error); process.exit(1); });
