// Keeps the log lines longer than 5 characters: stream_log → stream_log_filter.
import { Consumed, Produced, Serdes, defineTopology } from 'kstreams';

export const inputTopic = process.env.FILTER_INPUT ?? 'stream_log';
export const outputTopic = process.env.FILTER_OUTPUT ?? 'stream_log_filter';

export default defineTopology((builder) => {
  builder
    .stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
    .filter((_key, value) => value.length > 5)
    .to(outputTopic, Produced.with(Serdes.String(), Serdes.String()));
});
