// Changes kstreams makes to its copy of kafkajs, installed before anything else loads kafkajs
// (src/index.ts imports this module first). The read_committed fix goes first: it may drop a
// previously loaded kafkajs from the require cache, and the hooks must wrap the copy that stays.
// The linear grouping replaces a producer module the same way, before kafkajs's producer loads.
// The other hooks wrap methods of kafkajs's ConsumerGroup.
import { installReadCommittedFix } from './read-committed-fix';
import { installLinearGrouping } from './linear-grouping';
import { installRebalanceHooks } from './rebalance-hooks';
import { installRejoinHook } from './rejoin-request';
import { installResumeWakesFetch } from './resume-wakes-fetch';

installReadCommittedFix();
installLinearGrouping();
installRejoinHook();
installRebalanceHooks();
installResumeWakesFetch();

export { readCommittedFixStatus, type ReadCommittedFixStatus } from './read-committed-fix';
export { linearGroupingStatus, type LinearGroupingStatus } from './linear-grouping';
export { requestRejoin } from './rejoin-request';
export { REBALANCE_HOOKS, type JoinedGroup, type RebalanceHooks } from './rebalance-hooks';
