// The built package (dist/, built by `pretest`) loads both ways from plain files of an
// application that has kstreams in its node_modules, and both ways give the same classes.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

describe('the built package', function () {
  this.timeout(20000);
  const repoRoot = path.resolve(__dirname, '..', '..');
  let app: string;

  before(() => {
    app = mkdtempSync(path.join(tmpdir(), 'kstreams-app-'));
    mkdirSync(path.join(app, 'node_modules'));
    symlinkSync(repoRoot, path.join(app, 'node_modules', 'kstreams'), 'dir');
  });
  after(() => rmSync(app, { recursive: true, force: true }));

  function runFile(name: string, source: string): string {
    writeFileSync(path.join(app, name), source);
    return execFileSync(process.execPath, [path.join(app, name)], { cwd: app, encoding: 'utf8' }).trim();
  }

  it("loads with require('kstreams') from a CommonJS file", () => {
    const out = runFile('main.js', "const k = require('kstreams'); const e = new k.ConfigError('x'); console.log(e instanceof k.StreamsError, e.code);");
    expect(out).to.equal('true CONFIG_INVALID');
  });

  it("loads with import from an ES module, with the same classes as require", () => {
    const out = runFile(
      'main.mjs',
      "import { ConfigError, StreamsError } from 'kstreams'; import k from 'kstreams'; import { createRequire } from 'node:module';\n" +
        "const cjs = createRequire(import.meta.url)('kstreams');\n" +
        "console.log(ConfigError === cjs.ConfigError, StreamsError === k.StreamsError, new ConfigError('x') instanceof cjs.StreamsError);",
    );
    expect(out).to.equal('true true true');
  });

  it('installs the kafkajs read_committed fix on load, whichever way it is loaded', () => {
    // the module kafkajs's Batch will load: the original is an anonymous arrow function
    const filterName =
      "const path = require('path');\n" +
      "const kafkajsDir = path.dirname(require.resolve('kafkajs/package.json', { paths: [path.dirname(require.resolve('kstreams'))] }));\n" +
      "console.log(require(path.join(kafkajsDir, 'src/consumer/filterAbortedMessages.js')).name);\n";
    expect(runFile('fix.js', "require('kstreams');\n" + filterName)).to.equal('filterAbortedMessages');
    expect(runFile('fix.mjs', "import 'kstreams';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n" + filterName)).to.equal('filterAbortedMessages');
  });
});
