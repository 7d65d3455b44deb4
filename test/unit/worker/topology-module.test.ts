import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TopologyError } from '../../../src/errors';
import { loadTopologyModule, topologyModuleUrl } from '../../../src/worker/topology-module';

// The brand is a registered symbol, so a module can carry it without loading kstreams.
const BRANDED = "{ [Symbol.for('kstreams.TopologyDefinition')]: true, build() { return 'built'; } }";

describe('loadTopologyModule', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'kstreams-topology-module-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, source: string): string {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  }

  it('finds the default export of an ES module, with its config export', async () => {
    const module = await loadTopologyModule(file('esm.mjs', `export default ${BRANDED};\nexport const config = { 'default.key.serde': 'String' };\n`));
    expect(module.definition.build()).to.equal('built');
    expect(module.config).to.deep.equal({ 'default.key.serde': 'String' });
    expect(module.location).to.equal(pathToFileURL(join(dir, 'esm.mjs')).href);
  });

  it("finds TypeScript's CommonJS output (exports.default), with its config export", async () => {
    const module = await loadTopologyModule(file('ts-output.js', `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.config = { 'default.value.serde': 'Long' };\nexports.default = ${BRANDED};\n`));
    expect(module.definition.build()).to.equal('built');
    expect(module.config).to.deep.equal({ 'default.value.serde': 'Long' });
  });

  it('finds module.exports = defineTopology(...)', async () => {
    const module = await loadTopologyModule(file('plain.cjs', `module.exports = ${BRANDED};\n`));
    expect(module.definition.build()).to.equal('built');
    expect(module.config).to.equal(undefined);
  });

  it('takes a file: URL, and a path relative to the working directory', async () => {
    const path = file('by-url.mjs', `export default ${BRANDED};\n`);
    expect((await loadTopologyModule(pathToFileURL(path))).location).to.equal(pathToFileURL(path).href);
    expect(topologyModuleUrl(relative(process.cwd(), path))).to.equal(pathToFileURL(path).href);
    expect(() => topologyModuleUrl(new URL('https://example.com/topology.js'))).to.throw(TopologyError, /must be a file: URL or a path/);
  });

  it('says what is wrong with a module that exports no topology definition', async () => {
    const check = async (name: string, source: string, message: RegExp): Promise<void> => {
      let error: unknown;
      await loadTopologyModule(file(name, source)).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(TopologyError);
      expect((error as Error).message).to.match(message);
    };
    await check('function.mjs', 'export default (builder) => {};\n', /its default export is a function \(wrap it: defineTopology\(fn\)\).*export default defineTopology/);
    await check('topology.mjs', 'class Topology {}\nexport default new Topology();\n', /a Topology instance \(export defineTopology\(fn\) instead: every thread builds its own\)/);
    await check('nothing.mjs', 'export const x = 1;\n', /its default export is missing/);
    let error: unknown;
    await loadTopologyModule(join(dir, 'no-such-file.js')).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TopologyError);
    expect((error as Error).message).to.match(/could not import the topology module file:.*no-such-file\.js/);
  });
});
