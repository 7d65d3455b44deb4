// Checks an assignor output against its input: the invariants every assignment must keep, whatever
// algorithm made it. The tests run it on every assignment; the leader can run it before sending one.
import { isCapacityBalanced } from './capacity-balance';
import { isCaughtUp, lagRank } from './task-lags';
import type { AssignorInput, AssignorOutput } from './task-assignor';

/**
 * The invariants `output` breaks, as readable sentences (empty when it is valid):
 * - every task is active on exactly one process, and every listed task exists;
 * - no process holds two replicas (active, standby, warm-up) of one task;
 * - standbys and warm-ups are for stateful tasks only; every stateful task has
 *   min(num.standby.replicas, processes − 1) standbys; at most max.warmup.replicas warm-ups, each for
 *   a held task on the process it is moving to;
 * - the members of a process split its tasks exactly, and the process's actives evenly by threads;
 * - the desired actives (held tasks counted on the process they move to) are balanced by capacity;
 * - high availability: a stateful task is active where it is caught up, or where no process is more caught up;
 * - a probing rebalance is asked for exactly when some task is held.
 */
export function validateAssignment(input: AssignorInput, output: AssignorOutput): string[] {
  const problems: string[] = [];
  const tasks = new Map(input.tasks.map((task) => [task.id, task]));
  const clients = new Map(input.clients.map((client) => [client.processId, client]));
  const acceptable = input.config.acceptableRecoveryLag;

  const seenProcesses = new Set<string>();
  for (const out of output.clients) {
    if (!clients.has(out.processId)) problems.push(`process ${out.processId} is not in the input`);
    if (seenProcesses.has(out.processId)) problems.push(`process ${out.processId} appears twice`);
    seenProcesses.add(out.processId);
  }
  for (const processId of clients.keys()) if (!seenProcesses.has(processId)) problems.push(`process ${processId} has no assignment`);

  const activeOn = new Map<string, string[]>();
  const standbyCount = new Map<string, number>();
  let warmupCount = 0;
  const held = new Map(output.heldTasks.map((h) => [h.taskId, h]));
  for (const out of output.clients) {
    const replicas = new Set<string>();
    const note = (taskId: string, kind: string) => {
      const task = tasks.get(taskId);
      if (task === undefined) problems.push(`process ${out.processId} has unknown task ${taskId} as ${kind}`);
      else if (kind !== 'active' && !task.stateful) problems.push(`process ${out.processId} has stateless task ${taskId} as ${kind}`);
      if (replicas.has(taskId)) problems.push(`process ${out.processId} holds two replicas of task ${taskId}`);
      replicas.add(taskId);
    };
    for (const id of out.active) {
      note(id, 'active');
      activeOn.set(id, [...(activeOn.get(id) ?? []), out.processId]);
    }
    for (const id of out.standby) {
      note(id, 'standby');
      standbyCount.set(id, (standbyCount.get(id) ?? 0) + 1);
    }
    for (const id of out.warmup) {
      note(id, 'warm-up');
      warmupCount++;
      const hold = held.get(id);
      if (hold === undefined || hold.movingTo !== out.processId || hold.replicaAtDestination !== 'warmup') {
        problems.push(`process ${out.processId} has a warm-up of task ${id}, which is not held for it`);
      }
    }
    problems.push(...checkMembers(input, out));
  }

  const wantedStandbys = Math.min(input.config.numStandbyReplicas, Math.max(0, input.clients.length - 1));
  for (const task of input.tasks) {
    const owners = activeOn.get(task.id) ?? [];
    if (owners.length !== 1) problems.push(`task ${task.id} is active on ${owners.length} processes (${owners.join(', ')})`);
    if (task.stateful && (standbyCount.get(task.id) ?? 0) !== wantedStandbys) {
      problems.push(`task ${task.id} has ${standbyCount.get(task.id) ?? 0} standbys, expected ${wantedStandbys}`);
    }
    if (task.stateful && owners.length === 1) {
      const lagOn = (processId: string) => clients.get(processId)?.lags.get(task.id);
      const owner = owners[0];
      if (!isCaughtUp(lagOn(owner), acceptable)) {
        const better = input.clients.find((client) => lagRank(client.lags.get(task.id)) < lagRank(lagOn(owner)));
        if (better !== undefined) {
          problems.push(`task ${task.id} is active on ${owner}, which is not caught up, while ${better.processId} is more caught up`);
        }
      }
    }
  }
  if (warmupCount > input.config.maxWarmupReplicas) problems.push(`${warmupCount} warm-ups exceed max.warmup.replicas ${input.config.maxWarmupReplicas}`);

  for (const hold of output.heldTasks) {
    const owners = activeOn.get(hold.taskId) ?? [];
    if (owners.length !== 1 || owners[0] !== hold.activeOn) problems.push(`held task ${hold.taskId} is not active on ${hold.activeOn}`);
    if (hold.activeOn === hold.movingTo) problems.push(`held task ${hold.taskId} moves to the process it is on`);
    const destination = output.clients.find((out) => out.processId === hold.movingTo);
    const expected = destination?.standby.includes(hold.taskId) ? 'standby' : destination?.warmup.includes(hold.taskId) ? 'warmup' : 'none';
    if (hold.replicaAtDestination !== expected) problems.push(`held task ${hold.taskId} says its destination holds ${hold.replicaAtDestination}, it holds ${expected}`);
  }
  if (output.probingRebalanceNeeded !== output.heldTasks.length > 0) {
    problems.push(`probingRebalanceNeeded is ${output.probingRebalanceNeeded} with ${output.heldTasks.length} held tasks`);
  }

  // the desired assignment: what the actives will be once every held task has moved
  const desiredCount = new Map(output.clients.map((out) => [out.processId, out.active.length]));
  for (const hold of output.heldTasks) {
    desiredCount.set(hold.activeOn, (desiredCount.get(hold.activeOn) ?? 0) - 1);
    desiredCount.set(hold.movingTo, (desiredCount.get(hold.movingTo) ?? 0) + 1);
  }
  const holders = input.clients.map((client) => ({
    processId: client.processId,
    count: desiredCount.get(client.processId) ?? 0,
    capacity: client.members.reduce((sum, member) => sum + member.threads, 0),
  }));
  if (!isCapacityBalanced(holders)) {
    problems.push(`desired active tasks are not balanced by capacity: ${holders.map((h) => `${h.processId}=${h.count}/${h.capacity}`).join(', ')}`);
  }
  return problems;
}

function checkMembers(input: AssignorInput, out: AssignorOutput['clients'][number]): string[] {
  const problems: string[] = [];
  const client = input.clients.find((c) => c.processId === out.processId);
  if (client === undefined) return problems;
  const memberIds = new Set(client.members.map((m) => m.memberId));
  if (out.members.length !== memberIds.size || out.members.some((m) => !memberIds.has(m.memberId))) {
    problems.push(`process ${out.processId} lists members ${out.members.map((m) => m.memberId).join(', ')}, expected ${[...memberIds].join(', ')}`);
  }
  for (const kind of ['active', 'standby', 'warmup'] as const) {
    const fromMembers = out.members.flatMap((m) => m[kind]).sort();
    const ofClient = [...out[kind]].sort();
    if (fromMembers.join(',') !== ofClient.join(',')) problems.push(`the members of process ${out.processId} do not split its ${kind} tasks exactly`);
  }
  const threads = new Map(client.members.map((m) => [m.memberId, m.threads]));
  const holders = out.members.map((m) => ({ count: m.active.length, capacity: threads.get(m.memberId) ?? 1 }));
  if (!isCapacityBalanced(holders)) problems.push(`the active tasks of process ${out.processId} are not balanced over its members' threads`);
  return problems;
}
