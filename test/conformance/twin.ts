// What a scenario's TypeScript twin exports (test/conformance/scenarios/<scenario>.ts): the
// topology, built through the public API the way a Java user ports the Java scenario class.
import fs from 'node:fs';
import path from 'node:path';
import type { Topology } from '../../src/index';
import { SCENARIOS_DIR } from './vector';

/** The driver config the runner passes in: what Java's DslScenario hands StreamsBuilder#build(props). */
export type TwinConfig = Readonly<{ [key: string]: unknown }>;

export interface ConformanceTwin {
  /** A fresh topology (Java's Scenario#topology(config)). */
  topology(config: TwinConfig): Topology;
  /** Driver config beyond the vector's own (none of the scenarios needs any so far). */
  readonly config?: TwinConfig;
}

/** The twin of `scenario`, or an Error saying why there is none. */
export async function loadTwin(scenario: string): Promise<ConformanceTwin> {
  const file = path.join(SCENARIOS_DIR, `${scenario}.ts`);
  if (!fs.existsSync(file)) throw new Error(`scenario ${scenario} has no TypeScript twin: write ${path.relative(process.cwd(), file)}`);
  let mod: Partial<ConformanceTwin> & { default?: Partial<ConformanceTwin> };
  try {
    mod = (await import(file)) as typeof mod;
  } catch (error) {
    throw new Error(`scenario ${scenario} has no TypeScript twin that loads (${file}): ${(error as Error).message}`, { cause: error });
  }
  const twin = typeof mod.topology === 'function' ? mod : mod.default;
  if (!twin || typeof twin.topology !== 'function') throw new Error(`${file} must export function topology(config): Topology`);
  return twin as ConformanceTwin;
}
