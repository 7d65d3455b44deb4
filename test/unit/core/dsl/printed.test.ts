import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TopologyError } from '../../../../src/errors';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Printed } from '../../../../src/core/dsl/printed';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';

describe('KStream#print and Printed', () => {
  it('writes `[label]: key, value` lines, labelled by default with the printed stream name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kstreams-print-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old content\n');
    const builder = new StreamsBuilder();
    const stream = builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()));
    stream.print(Printed.toFile(path));
    stream.print(Printed.toFile<string, string>(path + '.2').withLabel('test-stream').withKeyValueMapper((k, v) => `${k}=${v}`));
    // toFile empties the file when called, as Java opens it there
    expect(readFileSync(path, 'utf8')).to.equal('');
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
    const input = driver.createInputTopic('in', Serdes.String(), Serdes.String());
    await input.pipeInput('k', 'v', 1);
    await input.pipeInput(null as unknown as string, 'no key', 2);
    await driver.close();
    expect(readFileSync(path, 'utf8')).to.equal('[KSTREAM-SOURCE-0000000000]: k, v\n[KSTREAM-SOURCE-0000000000]: null, no key\n');
    expect(readFileSync(path + '.2', 'utf8')).to.equal('[test-stream]: k=v\n[test-stream]: null=no key\n');
    rmSync(dir, { recursive: true });
  });

  it('writes to standard output with toSysOut', async () => {
    const builder = new StreamsBuilder();
    builder.stream('in', Consumed.with(Serdes.String(), Serdes.String())).print(Printed.toSysOut<string, string>().withLabel('out'));
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
    try {
      await driver.createInputTopic('in', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1);
    } finally {
      process.stdout.write = write;
    }
    await driver.close();
    expect(written).to.deep.equal(['[out]: k, v\n']);
  });

  it('refuses a blank file path and a missing label or mapper', () => {
    expect(() => Printed.toFile('  ')).to.throw(TopologyError, "filePath can't be an empty string");
    expect(() => Printed.toFile(null as unknown as string)).to.throw(TopologyError, "filePath can't be null");
    expect(() => Printed.toSysOut().withLabel(null as unknown as string)).to.throw(TopologyError, "label can't be null");
    expect(() => Printed.toSysOut().withKeyValueMapper(null as never)).to.throw(TopologyError, "mapper can't be null");
  });

  it('reports a file it cannot create as a TopologyError', () => {
    expect(() => Printed.toFile('/nonexistent-dir-kstreams/x.txt')).to.throw(TopologyError, 'Unable to write stream to file at [/nonexistent-dir-kstreams/x.txt]');
  });
});
