// A small differ for conformance runs: compares what our driver gave with a vector, item by item,
// and writes the differences as a readable, line-based diff (expected "-", actual "+") with the
// decoded view of every key and value beside its bytes.
import type { EncodedBytes, PrintedLine, VectorHeader, VectorOutput, VectorRun, VectorStore, VectorStoreEntry } from './vector';

/** A line to diff: `key` decides equality, `text` is what the reader sees. */
interface Line {
  readonly key: string;
  readonly text: string;
}

const CONTEXT_LINES = 2;

/**
 * The longest-common-subsequence diff of two lists of lines; null when they are equal. Runs of
 * equal lines longer than the context are folded.
 */
export function diffLines(expected: readonly Line[], actual: readonly Line[]): string | null {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j]: the LCS length of expected[i..] and actual[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = expected[i].key === actual[j].key ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { kind: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i].key === actual[j].key) {
      ops.push({ kind: ' ', text: actual[j].text });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', text: expected[i++].text });
    } else {
      ops.push({ kind: '+', text: actual[j++].text });
    }
  }
  if (ops.every((op) => op.kind === ' ')) return null;
  const out: string[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.kind === ' ') {
      const near = ops.slice(Math.max(0, k - CONTEXT_LINES), k + CONTEXT_LINES + 1).some((o) => o.kind !== ' ');
      if (!near) {
        if (out[out.length - 1] !== '    ...') out.push('    ...');
        continue;
      }
    }
    out.push(`  ${op.kind} ${op.text}`);
  }
  return out.join('\n');
}

function textLines(text: string): Line[] {
  return text.split('\n').map((l) => ({ key: l, text: JSON.stringify(l).slice(1, -1) }));
}

function shown(bytes: EncodedBytes | null): string {
  if (bytes === null) return 'null';
  const decoded = bytes.decoded === undefined ? '' : `${showDecoded(bytes.decoded)} `;
  return `${decoded}(hex ${bytes.hex === '' ? '""' : bytes.hex})`;
}

function showDecoded(value: unknown): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value) ?? String(value);
}

function headersKey(headers: readonly VectorHeader[]): string {
  return headers.map((h) => `${h.key}=${h.valueHex ?? 'null'}`).join(', ');
}

function outputLine(o: VectorOutput): Line {
  const headers = o.headers.length === 0 ? '' : `  headers [${headersKey(o.headers)}]`;
  return {
    key: JSON.stringify([o.afterInput, o.topic, o.key?.hex ?? null, o.value?.hex ?? null, o.timestamp, headersKey(o.headers)]),
    text: `after input ${o.afterInput}  ${o.topic}  key ${shown(o.key)}  value ${shown(o.value)}  @${o.timestamp}${headers}`,
  };
}

function storeEntryLine(e: VectorStoreEntry): Line {
  const ts = e.timestamp === undefined ? '' : `  @${e.timestamp}`;
  return {
    key: JSON.stringify([e.key?.hex ?? null, e.value?.hex ?? null, e.timestamp ?? null]),
    text: `key ${shown(e.key)}  value ${shown(e.value)}${ts}`,
  };
}

function printedLine(p: PrintedLine): Line {
  return { key: JSON.stringify([p.afterInput, p.line]), text: `after input ${p.afterInput}: ${p.line}` };
}

export function diffDescribe(expected: string, actual: string): string | null {
  const diff = diffLines(textLines(expected), textLines(actual));
  return diff === null ? null : `describe() differs (- Java, + kstreams):\n${diff}`;
}

function diffStore(name: string, expected: VectorStore | undefined, actual: VectorStore | undefined): string | null {
  if (!expected) return `store ${name}: not in the vector, but kstreams has it`;
  if (!actual) return `store ${name}: kstreams has no store of that name`;
  const problems: string[] = [];
  if (expected.type !== actual.type) problems.push(`type ${expected.type} expected, kstreams has ${actual.type}`);
  const diff = diffLines(expected.entries.map(storeEntryLine), actual.entries.map(storeEntryLine));
  if (diff !== null) problems.push(`entries (- Java, + kstreams):\n${diff}`);
  return problems.length === 0 ? null : `store ${name}: ${problems.join('; ')}`;
}

/**
 * Every difference between an expected run and ours, as readable sections; empty when they agree.
 * `droppedAdjustment` is subtracted from our count first (drops we count and Java does not).
 */
export function diffRun(expected: VectorRun, actual: VectorRun, droppedAdjustment = 0): string[] {
  const problems: string[] = [];
  const outputs = diffLines(expected.outputs.map(outputLine), actual.outputs.map(outputLine));
  if (outputs !== null) problems.push(`output records differ (- Java, + kstreams):\n${outputs}`);

  const storeNames = [...new Set([...Object.keys(expected.stores), ...Object.keys(actual.stores)])].sort();
  for (const name of storeNames) {
    const diff = diffStore(name, expected.stores[name], actual.stores[name]);
    if (diff !== null) problems.push(diff);
  }

  const topics = diffLines(
    expected.producedTopicNames.map((t) => ({ key: t, text: t })),
    actual.producedTopicNames.map((t) => ({ key: t, text: t })),
  );
  if (topics !== null) problems.push(`produced topic names differ (- Java, + kstreams):\n${topics}`);

  const dropped = actual.droppedRecords - droppedAdjustment;
  if (dropped !== expected.droppedRecords) {
    const note = droppedAdjustment === 0 ? '' : ` (${actual.droppedRecords} counted, less ${droppedAdjustment} that Java does not count)`;
    problems.push(`dropped records: Java ${expected.droppedRecords}, kstreams ${dropped}${note}`);
  }

  const printed = diffLines((expected.printed ?? []).map(printedLine), (actual.printed ?? []).map(printedLine));
  if (printed !== null) problems.push(`printed lines differ (- Java, + kstreams):\n${printed}`);
  return problems;
}
