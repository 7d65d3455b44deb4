// How the stores of one task share the task's LevelDB. Every store key is the store's prefix
// followed by the key's own bytes: the prefix is the length of the store name's UTF-8 bytes as an
// unsigned LEB128 varint, then those bytes. LevelDB orders keys by unsigned bytes (as Java orders
// serialized keys), so within one prefix the store's keys keep their own order, and two stores can
// never produce the same key: varints are prefix-free, so two prefixes that start alike have the
// same length and then the same name.
//
// Store names are never empty, so a prefix never starts with 0x00: keys that start with 0x00 are
// the task's own (the checkpoint, the stores' entry counts), out of every store's reach.

const META_KEY_MARK = 0x00;

/** The key under which the task's checkpoint (changelog offsets) is written, with the data it describes. */
export const CHECKPOINT_KEY: Buffer = metaKey('checkpoint');

/** The prefix of every key of store `storeName` in the task's LevelDB. */
export function storeKeyPrefix(storeName: string): Buffer {
  const name = Buffer.from(storeName, 'utf8');
  if (name.length === 0) throw new RangeError('a store in a task LevelDB needs a non-empty name');
  const length: number[] = [];
  let rest = name.length;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    length.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return Buffer.concat([Buffer.from(length), name]);
}

/** The key of store `storeName`'s entry count (what approximateNumEntries starts from after a restart). */
export function entryCountKey(storeName: string): Buffer {
  return metaKey(`count\u0000${storeName}`);
}

function metaKey(name: string): Buffer {
  return Buffer.concat([Buffer.from([META_KEY_MARK]), Buffer.from(name, 'utf8')]);
}
