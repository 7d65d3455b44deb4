import { expect } from 'chai';
import type { Processor } from '../../../../src/core/processor/processor';
import type { ProcessorContext } from '../../../../src/core/processor/processor-context';
import { PunctuationType } from '../../../../src/core/processor/punctuation';
import { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import { Topology } from '../../../../src/core/topology/topology';

const silent = { warn: () => undefined, error: () => undefined };
const strings = { keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() };
const stringSink = { keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.String().serializer() };

/** A one-processor topology in → proc → out, with the processor given. */
function single(processor: () => Processor<string, string, string, string>): Topology {
  return new Topology()
    .addSource({ name: 'in', topics: ['in'], ...strings })
    .addProcessor('proc', processor, 'in')
    .addSink({ name: 'out', topic: 'out', ...stringSink, parentNames: ['proc'] });
}

async function run(topology: Topology, records: [string, string, number][], config = {}): Promise<{ out: [string | null, string | null, number][]; driver: TopologyTestDriver }> {
  const driver = new TopologyTestDriver(topology, config, 0, { logger: silent });
  const input = driver.createInputTopic('in', Serdes.String(), Serdes.String());
  for (const [k, v, t] of records) await input.pipeInput(k, v, t);
  const out = driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readRecordsToList().map((r) => [r.key, r.value, r.timestamp] as [string | null, string | null, number]);
  return { out, driver };
}

describe('TaskProcessor', () => {
  it('keeps the order of records that one input forwards to an asynchronous child', async () => {
    // the splitter forwards a, b, c at once; the child waits longest on a: a child that did not
    // process its records one at a time would emit b and c first
    const delays: { [k: string]: number } = { a: 30, b: 0, c: 10 };
    const topology = new Topology()
      .addSource({ name: 'in', topics: ['in'], ...strings })
      .addProcessor<string, string, string, string>('splitter', () => {
        let ctx: ProcessorContext<string, string>;
        return { init: (c) => void (ctx = c), process: (r) => { for (const part of r.value.split(' ')) ctx.forward(r.withKey(part)); } };
      }, 'in')
      .addProcessor<string, string, string, string>('slow', () => {
        let ctx: ProcessorContext<string, string>;
        return {
          init: (c) => void (ctx = c),
          process: async (r) => {
            await new Promise((resolve) => setTimeout(resolve, delays[r.key]));
            ctx.forward(r.withValue(r.key.toUpperCase()));
          },
        };
      }, 'splitter')
      .addSink({ name: 'out', topic: 'out', ...stringSink, parentNames: ['slow'] });
    const { out } = await run(topology, [['k', 'a b c', 1]]);
    expect(out).to.deep.equal([['a', 'A', 1], ['b', 'B', 1], ['c', 'C', 1]]);
  });

  it('fires stream-time punctuations aligned to 0 with the current stream time, skipping missed intervals', async () => {
    const fired: number[] = [];
    const topology = single(() => ({
      init: (c) => void c.schedule(10, PunctuationType.STREAM_TIME, (t) => void fired.push(t)),
      process: () => undefined,
    }));
    await run(topology, [['k', 'v', 3], ['k', 'v', 9], ['k', 'v', 10], ['k', 'v', 35], ['k', 'v', 36], ['k', 'v', 40]]);
    // at 3: first schedule is 0 (fires, next 10); at 10: fires (next 20); at 35: fires once (next 40); at 40: fires
    expect(fired).to.deep.equal([3, 10, 35, 40]);
  });

  it('forwards to one named child only', async () => {
    const topology = new Topology()
      .addSource({ name: 'in', topics: ['in'], ...strings })
      .addProcessor<string, string, string, string>('router', () => {
        let ctx: ProcessorContext<string, string>;
        return { init: (c) => void (ctx = c), process: (r) => ctx.forward(r, r.value === 'left' ? 'left' : 'right') };
      }, 'in')
      .addSink({ name: 'left', topic: 'out', ...stringSink, parentNames: ['router'] })
      .addSink({ name: 'right', topic: 'other', ...stringSink, parentNames: ['router'] });
    const { out, driver } = await run(topology, [['k', 'left', 1], ['k', 'right', 2]]);
    expect(out).to.deep.equal([['k', 'left', 1]]);
    expect(driver.createOutputTopic('other', Serdes.String(), Serdes.String()).readValuesToList()).to.deep.equal(['right']);
  });

  it('surfaces a failing processor as a ProcessingError naming task, processor, topic, partition and offset', async () => {
    const topology = single(() => ({ process: (r) => { if (r.value === 'boom') throw new Error('bad value'); } }));
    let error: unknown;
    await run(topology, [['k', 'ok', 1], ['k', 'boom', 2]]).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('ProcessingError');
    expect((error as Error).message).to.equal('Exception caught in process. taskId=0_0, processor=proc, topic=in, partition=0, offset=1: bad value');
  });

  it('skips a record whose processor fails under logAndContinue, counts it, and keeps processing', async () => {
    const topology = single(() => {
      let ctx: ProcessorContext<string, string>;
      return {
        init: (c) => void (ctx = c),
        process: async (r) => {
          if (r.value === 'boom') throw new Error('bad value');
          ctx.forward(r);
        },
      };
    });
    const { out, driver } = await run(topology, [['k', 'boom', 1], ['k', 'fine', 2]], { 'processing.exception.handler': 'logAndContinue' });
    expect(out).to.deep.equal([['k', 'fine', 2]]);
    expect(driver.droppedRecords().get('processing')).to.equal(1);
  });

  it('refuses access to a store the processor is not connected to', async () => {
    const topology = single(() => ({ init: (c) => void c.getStateStore('nope'), process: () => undefined }));
    let error: unknown;
    await run(topology, [['k', 'v', 1]]).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.contain('Processor proc has no access to StateStore nope');
  });

  it('drops a record whose timestamp is negative and counts it', async () => {
    const topology = single(() => {
      let ctx: ProcessorContext<string, string>;
      return { init: (c) => void (ctx = c), process: (r) => ctx.forward(r) };
    });
    const { out, driver } = await run(topology, [['k', 'v', 1]], { 'default.timestamp.extractor': () => -1 });
    expect(out).to.deep.equal([]);
    expect(driver.droppedRecords().get('negative-timestamp')).to.equal(1);
  });

  it('gives forwarded records the timestamp the processor sets', async () => {
    const topology = single(() => {
      let ctx: ProcessorContext<string, string>;
      return { init: (c) => void (ctx = c), process: (r) => ctx.forward(new Record(r.key, r.value, r.timestamp + 100, r.headers)) };
    });
    const { out } = await run(topology, [['k', 'v', 1]]);
    expect(out).to.deep.equal([['k', 'v', 101]]);
  });
});
