// What a worker thread does before it serves requests: read its start-up data, import the
// topology module, build the topology, check it is the one the main thread built, and make the
// TaskHost. Every thread of the pool (and every replacement thread) does this on its own.
import { threadId as currentThreadId } from 'node:worker_threads';
import { StreamsConfig } from '../../config';
import { TopologyError } from '../../errors';
import { internalTopologyBuilder } from '../../core/topology/topology';
import { parseWorkerInit } from '../protocol';
import { loadTopologyModule } from '../topology-module';
import { mergeModuleConfig } from '../worker-config';
import { TaskHost } from './task-host';

export async function startThread(startData: unknown, threadId: number = currentThreadId): Promise<TaskHost> {
  const init = parseWorkerInit(startData);
  const module = await loadTopologyModule(init.topologyModule);
  // The main thread already warned about unsupported keys; once per process is enough.
  const config = new StreamsConfig(mergeModuleConfig(init.config, module.config, module.location), { warn: () => undefined });
  let topology;
  try {
    topology = internalTopologyBuilder(module.definition.build()).build();
  } catch (error) {
    if (error instanceof TopologyError) throw error;
    throw new TopologyError(`building the topology of ${module.location} on thread ${threadId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (init.expectedFingerprint !== null && topology.fingerprint !== init.expectedFingerprint) {
    throw new TopologyError(
      `thread ${threadId} built a different topology from ${module.location} than the main thread did (fingerprint ${topology.fingerprint.slice(0, 12)}… vs ${init.expectedFingerprint.slice(0, 12)}…): ` +
        'the topology module must be deterministic (no randomness, no dependence on time, environment or thread)',
      { context: { threadId } },
    );
  }
  return new TaskHost({ topology, config, threadId });
}
