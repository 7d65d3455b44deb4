// Loads the module that defines an application's topology (design-notes §1). The main thread loads
// it to build the topology and its fingerprint, every worker thread loads it to run the tasks; both
// go through this function, so both find the same definition and the same `config` export.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTopologyDefinition, type TopologyDefinition } from '../core/dsl/define-topology';
import { TopologyError } from '../errors';

export interface TopologyModule {
  /** The module's file: URL. */
  readonly location: string;
  readonly definition: TopologyDefinition;
  /** The module's `config` export (see worker-config.ts), or undefined. */
  readonly config: unknown;
}

// TypeScript compiles `import()` to `require()` under module=commonjs; a topology module may be an
// ES module, which only a real dynamic import loads. A Function body is not transpiled.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** The file: URL of a module given as a path (absolute, or relative to the working directory) or URL. */
export function topologyModuleUrl(location: string | URL): string {
  if (location instanceof URL) {
    if (location.protocol !== 'file:') throw new TopologyError(`the topology module must be a file: URL or a path, got ${location.href}`);
    return location.href;
  }
  if (typeof location !== 'string' || location.length === 0) throw new TopologyError('the topology module must be given as a path or a file: URL');
  if (location.startsWith('file:')) return new URL(location).href;
  return pathToFileURL(isAbsolute(location) ? location : resolve(location)).href;
}

export async function loadTopologyModule(location: string | URL): Promise<TopologyModule> {
  const url = topologyModuleUrl(location);
  let namespace: unknown;
  try {
    namespace = await dynamicImport(url);
  } catch (error) {
    throw new TopologyError(`could not import the topology module ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const ns = namespace as { default?: unknown; config?: unknown };
  // `mod.default ?? mod` (design-notes §1), plus the one more level TypeScript's CommonJS output
  // needs: Node imports `exports.default = ...` as `{ default: { default: ..., config } }`.
  if (isTopologyDefinition(ns.default)) return { location: url, definition: ns.default, config: ns.config };
  const inner = ns.default as { default?: unknown; config?: unknown } | undefined;
  if (typeof inner === 'object' && inner !== null && isTopologyDefinition(inner.default)) return { location: url, definition: inner.default, config: inner.config };
  if (isTopologyDefinition(namespace)) return { location: url, definition: namespace, config: undefined };
  throw new TopologyError(
    `the topology module ${url} does not export a topology definition; its default export is ${describe(inner)}. ` +
      'Write `export default defineTopology((builder) => { ... })` (CommonJS: `module.exports = defineTopology(...)`), with defineTopology from kstreams.',
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function (wrap it: defineTopology(fn))';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    if (name === 'Topology') return 'a Topology instance (export defineTopology(fn) instead: every thread builds its own)';
    return name && name !== 'Object' ? `a ${name}` : 'an object without the defineTopology brand';
  }
  return typeof value;
}
