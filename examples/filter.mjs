// Filter: copies the lines of stream_log longer than 5 characters to stream_log_filter.
// Run: npm run build && node examples/filter.mjs (the topics must exist). Stops gracefully on
// SIGTERM or SIGINT (examples/run-streams.mjs).
import { runStreams } from './run-streams.mjs';

await runStreams(new URL('./topologies/filter.mjs', import.meta.url), 'filter-app');
