// What the word-count tests expect and read: the words of a line as the word-count topology splits
// them, the true counts of what was sent, and the last count per word in an output topic.
import type { ConsumedRecord } from './kafka';

export function wordsOf(line: string): string[] {
  return line.toLowerCase().split(/\W+/).filter((w) => w.length > 0);
}

export function countWords(lines: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const word of wordsOf(line)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The last value per key (the table a reader of the topic sees); values are 8-byte longs, tombstones skipped. */
export function lastCounts(records: readonly ConsumedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) if (r.key !== null && r.value !== null) counts.set(r.key.toString(), Number(r.value.readBigInt64BE()));
  return counts;
}
