// Changes kstreams makes to its copy of kafkajs, installed before anything else loads kafkajs
// (src/index.ts imports this module first). The read_committed fix goes first: it may drop a
// previously loaded kafkajs from the require cache, and the rejoin hook must wrap the copy that stays.
import { installReadCommittedFix } from './read-committed-fix';
import { installRejoinHook } from './rejoin-request';

installReadCommittedFix();
installRejoinHook();

export { readCommittedFixStatus, type ReadCommittedFixStatus } from './read-committed-fix';
export { requestRejoin } from './rejoin-request';
