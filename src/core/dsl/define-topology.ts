// What a topology module exports (design-notes §1): workers import the module by path and take
// `mod.default ?? mod`, so the export must say what it is. defineTopology brands it; the brand is a
// registered symbol (Symbol.for), so the check holds when the module and the runtime load kstreams
// separately (CommonJS and ESM copies, worker threads).
import { TopologyError } from '../../errors';
import type { Topology } from '../topology/topology';
import { StreamsBuilder } from './streams-builder';

const TOPOLOGY_DEFINITION = Symbol.for('kstreams.TopologyDefinition');

export interface TopologyDefinition {
  readonly [TOPOLOGY_DEFINITION]: true;
  /** A new StreamsBuilder, given to the module's function, built: a new Topology on every call. */
  build(): Topology;
}

/**
 * Wraps the function that describes a topology on a StreamsBuilder. The function must be
 * deterministic and side-effect free: every worker and every process runs it, and their topologies
 * must be identical (their describe() fingerprints are compared).
 */
export function defineTopology(define: (builder: StreamsBuilder) => void): TopologyDefinition {
  if (typeof define !== 'function') throw new TopologyError('defineTopology takes a function (builder: StreamsBuilder) => void.');
  return Object.freeze({
    [TOPOLOGY_DEFINITION]: true as const,
    build(): Topology {
      const builder = new StreamsBuilder();
      define(builder);
      return builder.build();
    },
  });
}

export function isTopologyDefinition(value: unknown): value is TopologyDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [TOPOLOGY_DEFINITION]?: unknown })[TOPOLOGY_DEFINITION] === true &&
    typeof (value as { build?: unknown }).build === 'function'
  );
}
