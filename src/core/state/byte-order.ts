// How stores order keys: as Java orders serialized keys (Bytes.compareTo, RocksDB's default
// comparator), lexicographically by unsigned byte, a prefix before its extensions. Buffer.compare
// is that order. A latin1 string of the bytes maps each byte to one UTF-16 code unit of the same
// value, so JS string comparison of such strings is the same order: the in-memory structures key
// their maps and sorted sets with them.

export function compareKeys(a: Buffer, b: Buffer): number {
  return Buffer.compare(a, b);
}

/** The map key for `bytes`; strings compare as the bytes do. */
export function latin1Key(bytes: Buffer): string {
  return latin1Slice === undefined ? bytes.toString('latin1') : latin1Slice.call(bytes, 0, bytes.length);
}

// What toString('latin1') calls after checking its arguments and looking up the encoding, which cost
// a quarter of the call on short keys; not a documented API, hence the fallback.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: (this: Buffer, start: number, end: number) => string }).latin1Slice;

/**
 * The smallest key greater than every key that starts with `prefix`: the exclusive upper bound of
 * a prefix scan. Trailing 0xFF bytes are dropped and the last other byte incremented, so
 * [0x01, 0xFF] gives [0x02]. (Java's Bytes.increment keeps the length and carries, giving
 * [0x02, 0x00], which lets the key [0x02] into a scan of [0x01, 0xFF]; we do not copy that.)
 * Null when there is no bound (the prefix is empty or all 0xFF): the scan runs to the end.
 */
export function prefixUpperBound(prefix: Buffer): Buffer | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] !== 0xff) {
      const bound = Buffer.from(prefix.subarray(0, i + 1));
      bound[i] += 1;
      return bound;
    }
  }
  return null;
}
