// Summarises V8 .cpuprofile files (as `bench/throughput.ts --profile DIR` writes them): per file,
// the share of samples that were idle, in GC, and the functions and files with the most self time.
//   node bench/profile-summary.mjs FILE.cpuprofile... [--top N]
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;

for (const file of args) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  // timeDeltas[i] is the time before sample i; weigh each sample by the next delta
  for (let i = 0; i < profile.samples.length; i++) {
    const d = profile.timeDeltas[i + 1] ?? 0;
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + d);
  }
  let total = 0;
  const byFn = new Map();
  const byFile = new Map();
  for (const [id, us] of dt) {
    total += us;
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const short = url ? url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|dist|bench)\//, '$1/') : '';
    const fn = `${functionName || '(anonymous)'} ${short}${short ? `:${lineNumber + 1}` : ''}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const f = short || functionName;
    byFile.set(f, (byFile.get(f) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1)}%`;
  console.log(`\n== ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled; idle ${pct(byFn.get('(idle) ') ?? 0)}, GC ${pct(byFn.get('(garbage collector) ') ?? 0)}, program ${pct(byFn.get('(program) ') ?? 0)}`);
  console.log('  files:');
  for (const [f, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(us).padStart(6)}  ${f}`);
  console.log('  functions:');
  for (const [f, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(us).padStart(6)}  ${f}`);
}
