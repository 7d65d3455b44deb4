import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KStreamPrint, defaultPrintMapper, printString } from '../../../../src/core/processor/stream-print';
import { Record } from '../../../../src/core/processor/record';

describe('KStreamPrint', () => {
  it('writes [label]: mapped lines (KStreamPrintTest.testPrintStreamWithProvidedKeyValueMapper)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kstreams-print-'));
    const path = join(dir, 'print.txt');
    const print = new KStreamPrint<number, string>({ kind: 'file', path }, (k, v) => `${k}, ${v}`, 'test-stream');
    for (const [key, value] of [[0, 'zero'], [1, 'one'], [2, 'two'], [3, 'three']] as const) print.process(new Record(key, value, 0));
    expect(readFileSync(path, 'utf8').split(/\r*\n/)).to.deep.equal(['[test-stream]: 0, zero', '[test-stream]: 1, one', '[test-stream]: 2, two', '[test-stream]: 3, three', '']);
    rmSync(dir, { recursive: true });
  });

  it('prints values as Java %s would: null as "null", lists in brackets, plain objects as JSON', () => {
    expect(defaultPrintMapper(null, undefined)).to.equal('null, null');
    expect(printString([1, null, 'a'])).to.equal('[1, null, a]');
    expect(printString({ a: 1 })).to.equal('{"a":1}');
    expect(printString({ toString: () => 'custom' })).to.equal('custom');
    expect(printString(42)).to.equal('42');
  });
});
