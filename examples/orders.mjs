// Orders: sums the quantity ordered per item (orders → quantity-by-item).
// Run: npm run build && node examples/orders.mjs (the topics must exist). Stops gracefully on
// SIGTERM or SIGINT (examples/run-streams.mjs).
import { runStreams } from './run-streams.mjs';

await runStreams(new URL('./topologies/orders.mjs', import.meta.url), 'orders-app');
