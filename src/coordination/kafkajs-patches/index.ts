// Changes kstreams makes to its copy of kafkajs, installed before anything else loads kafkajs
// (src/index.ts imports this module first). The read_committed fix goes first: it may drop a
// previously loaded kafkajs from the require cache, and the hooks must wrap the copy that stays.
import { installReadCommittedFix } from './read-committed-fix';
import { installRebalanceHooks } from './rebalance-hooks';
import { installRejoinHook } from './rejoin-request';

installReadCommittedFix();
installRejoinHook();
installRebalanceHooks();

export { readCommittedFixStatus, type ReadCommittedFixStatus } from './read-committed-fix';
export { requestRejoin } from './rejoin-request';
export { REBALANCE_HOOKS, type JoinedGroup, type RebalanceHooks } from './rebalance-hooks';
