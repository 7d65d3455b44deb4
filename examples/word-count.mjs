// Word count: counts the words of the lines in text-input, writes the counts to word-counts.
// Run: npm run build && node examples/word-count.mjs (the topics must exist). Stops gracefully on
// SIGTERM or SIGINT (examples/run-streams.mjs).
import { runStreams } from './run-streams.mjs';

await runStreams(new URL('./topologies/word-count.mjs', import.meta.url), 'word-count');
