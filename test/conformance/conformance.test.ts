// Conformance with Kafka Streams 3.9.1: every vector (test/conformance/vectors, made by Java's
// TopologyTestDriver) runs through its TypeScript twin (test/conformance/scenarios) on our
// TopologyTestDriver, with caching off and on; describe(), every output record, the stores, the
// produced topics, the dropped records and the printed lines must be Java's. See README.md here.
import { expect } from 'chai';
import { runTwin, type ActualRun } from './run-twin';
import { loadTwin } from './twin';
import { diffDescribe, diffRun } from './vector-diff';
import { expectedRun, loadVectors, twinNames, type CacheRun } from './vector';

const vectors = loadVectors();

function fail(scenario: string, what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  expect.fail(`${scenario} (${what}) differs from Kafka Streams 3.9.1:\n\n${problems.join('\n\n')}\n`);
}

describe('conformance with Kafka Streams 3.9.1', () => {
  it('has a vector for every TypeScript twin', () => {
    const scenarios = new Set(vectors.map((v) => v.scenario));
    expect(twinNames().filter((name) => !scenarios.has(name)), 'twins without a vector').to.deep.equal([]);
  });

  for (const vector of vectors) {
    describe(vector.scenario, () => {
      const runs = new Map<CacheRun, Promise<ActualRun>>();
      const run = (which: CacheRun): Promise<ActualRun> => {
        let result = runs.get(which);
        if (!result) runs.set(which, (result = loadTwin(vector.scenario).then((twin) => runTwin(vector, twin, which))));
        return result;
      };

      it('describe() is Java’s', async () => {
        const actual = await run('cacheOff');
        const diff = diffDescribe(vector.describe, actual.describe);
        fail(vector.scenario, 'describe', diff === null ? [] : [diff]);
      });

      for (const which of ['cacheOff', 'cacheOn'] as const) {
        it(`gives Java’s outputs, stores and drops with ${which === 'cacheOff' ? 'caching off' : 'caching on'}`, async () => {
          const actual = await run(which);
          fail(vector.scenario, which, diffRun(expectedRun(vector, which), actual, actual.droppedAtRepartitionFilters));
        });
      }
    });
  }
});
