// Java's describe() text is not a sorted rendering: some of its lists come out in the iteration order
// of java.util.HashSet / HashMap (a source's topics, a processor's stores, the order in which the
// nodes of a sub-topology are wired up), and a node's successors and predecessors sit in a TreeSet
// whose sort key (the sub-tree size) keeps changing while elements are inserted. To print what Java
// prints, and so hash to the same fingerprint for the same topology, this file reproduces both
// collections' behaviour for the cases describe() meets.
//
// HashMap behaviour follows OpenJDK 17 (the JDK Kafka 3.9 is built and tested with): String.hashCode,
// the `h ^ (h >>> 16)` spread, power-of-two tables that double when size exceeds 0.75 × capacity, the
// order-preserving split on resize, and a resize instead of a treeified bin while the table is smaller
// than 64. Not reproduced: the order inside a treeified bin (9 or more names in one bucket of a table of
// 64 or more), which needs dozens of nodes in one sub-topology whose hashes collide.

/** Java's String.hashCode: s[0]·31^(n-1) + … + s[n-1] over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

const DEFAULT_CAPACITY = 16;
const MAX_CAPACITY = 1 << 30;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** The bucket layout of a java.util.HashSet<String>, enough to know its iteration order. */
class JavaStringHashSet {
  private buckets: string[][] = [];
  private capacity = 0;
  private threshold: number;
  private count = 0;

  /** `initialCapacity` as given to `new HashMap<>(initialCapacity)`; none for `new HashMap<>()`. */
  constructor(initialCapacity?: number) {
    this.threshold = initialCapacity === undefined ? 0 : tableSizeFor(initialCapacity);
  }

  add(value: string): void {
    if (this.capacity === 0) this.resize();
    const bucket = this.buckets[spreadHash(value) & (this.capacity - 1)];
    if (bucket.includes(value)) return;
    bucket.push(value);
    if (bucket.length > TREEIFY_THRESHOLD && this.capacity < MIN_TREEIFY_CAPACITY) this.resize();
    if (++this.count > this.threshold) this.resize();
  }

  values(): string[] {
    return this.buckets.flat();
  }

  private resize(): void {
    const oldCapacity = this.capacity;
    let newCapacity: number;
    if (oldCapacity > 0) {
      newCapacity = Math.min(oldCapacity * 2, MAX_CAPACITY);
      this.threshold = oldCapacity >= DEFAULT_CAPACITY ? this.threshold * 2 : Math.floor(newCapacity * 0.75);
    } else if (this.threshold > 0) {
      newCapacity = this.threshold;
      this.threshold = Math.floor(newCapacity * 0.75);
    } else {
      newCapacity = DEFAULT_CAPACITY;
      this.threshold = Math.floor(DEFAULT_CAPACITY * 0.75);
    }
    const buckets: string[][] = Array.from({ length: newCapacity }, () => []);
    // Java splits each old bucket into a low and a high half, each keeping its order: a rehash in
    // bucket order with appends gives the same layout.
    for (const bucket of this.buckets) for (const value of bucket) buckets[spreadHash(value) & (newCapacity - 1)].push(value);
    this.buckets = buckets;
    this.capacity = newCapacity;
  }
}

function spreadHash(value: string): number {
  const h = javaStringHashCode(value);
  return h ^ (h >>> 16);
}

function tableSizeFor(capacity: number): number {
  let size = 1;
  while (size < capacity && size < MAX_CAPACITY) size *= 2;
  return size;
}

/** Iteration order of a `new HashSet<>()` (or HashMap key set) after `add`ing `values` in order. */
export function hashSetOrder(values: Iterable<string>): string[] {
  const set = new JavaStringHashSet();
  for (const value of values) set.add(value);
  return set.values();
}

/** Iteration order of `new HashSet<>(collection)` where `collection` iterates as `values`. */
export function hashSetCopyOrder(values: readonly string[]): string[] {
  const distinct = new Set(values).size;
  // Java 17's HashSet(Collection): new HashMap<>(Math.max((int) (c.size() / .75f) + 1, 16)).
  const set = new JavaStringHashSet(Math.max(Math.floor(Math.fround(distinct / 0.75)) + 1, DEFAULT_CAPACITY));
  for (const value of values) set.add(value);
  return set.values();
}

interface TreeEntry<T> {
  value: T;
  left: TreeEntry<T> | null;
  right: TreeEntry<T> | null;
  parent: TreeEntry<T> | null;
  red: boolean;
}

/**
 * A java.util.TreeSet: a red-black tree that compares only on insertion. When the comparator's answer
 * for elements already inside changes later (Java's node sizes grow while the description is wired
 * up), their order stays as it was; which elements a new one is compared against depends on the
 * tree's shape, hence the exact copy of TreeMap.put and its rebalancing.
 */
export class InsertionComparedTreeSet<T> {
  private root: TreeEntry<T> | null = null;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  /** False when an element comparing equal is already there (it is kept, `value` is not added). */
  add(value: T): boolean {
    let node = this.root;
    if (node === null) {
      this.root = { value, left: null, right: null, parent: null, red: false };
      return true;
    }
    let parent: TreeEntry<T>;
    let cmp: number;
    do {
      parent = node;
      cmp = this.compare(value, node.value);
      if (cmp < 0) node = node.left;
      else if (cmp > 0) node = node.right;
      else return false;
    } while (node !== null);
    const entry: TreeEntry<T> = { value, left: null, right: null, parent, red: true };
    if (cmp < 0) parent.left = entry;
    else parent.right = entry;
    this.fixAfterInsertion(entry);
    return true;
  }

  values(): T[] {
    const out: T[] = [];
    const visit = (node: TreeEntry<T> | null): void => {
      if (node === null) return;
      visit(node.left);
      out.push(node.value);
      visit(node.right);
    };
    visit(this.root);
    return out;
  }

  private fixAfterInsertion(inserted: TreeEntry<T>): void {
    let x: TreeEntry<T> | null = inserted;
    while (x !== null && x !== this.root && isRed(x.parent)) {
      const parent: TreeEntry<T> | null = parentOf(x);
      const grandparent: TreeEntry<T> | null = parentOf(parent);
      if (parent === leftOf(grandparent)) {
        const uncle = rightOf(grandparent);
        if (isRed(uncle)) {
          setRed(parent, false);
          setRed(uncle, false);
          setRed(grandparent, true);
          x = grandparent;
        } else {
          if (x === rightOf(parentOf(x))) {
            x = parentOf(x);
            this.rotateLeft(x);
          }
          setRed(parentOf(x), false);
          setRed(parentOf(parentOf(x)), true);
          this.rotateRight(parentOf(parentOf(x)));
        }
      } else {
        const uncle = leftOf(grandparent);
        if (isRed(uncle)) {
          setRed(parent, false);
          setRed(uncle, false);
          setRed(grandparent, true);
          x = grandparent;
        } else {
          if (x === leftOf(parentOf(x))) {
            x = parentOf(x);
            this.rotateRight(x);
          }
          setRed(parentOf(x), false);
          setRed(parentOf(parentOf(x)), true);
          this.rotateLeft(parentOf(parentOf(x)));
        }
      }
    }
    if (this.root !== null) this.root.red = false;
  }

  private rotateLeft(p: TreeEntry<T> | null): void {
    if (p === null || p.right === null) return;
    const r = p.right;
    p.right = r.left;
    if (r.left !== null) r.left.parent = p;
    r.parent = p.parent;
    if (p.parent === null) this.root = r;
    else if (p.parent.left === p) p.parent.left = r;
    else p.parent.right = r;
    r.left = p;
    p.parent = r;
  }

  private rotateRight(p: TreeEntry<T> | null): void {
    if (p === null || p.left === null) return;
    const l = p.left;
    p.left = l.right;
    if (l.right !== null) l.right.parent = p;
    l.parent = p.parent;
    if (p.parent === null) this.root = l;
    else if (p.parent.right === p) p.parent.right = l;
    else p.parent.left = l;
    l.right = p;
    p.parent = l;
  }
}

// TreeMap's null-tolerant helpers: a missing node is black and has no relatives.
function isRed<T>(node: TreeEntry<T> | null): boolean {
  return node !== null && node.red;
}
function setRed<T>(node: TreeEntry<T> | null, red: boolean): void {
  if (node !== null) node.red = red;
}
function parentOf<T>(node: TreeEntry<T> | null): TreeEntry<T> | null {
  return node === null ? null : node.parent;
}
function leftOf<T>(node: TreeEntry<T> | null): TreeEntry<T> | null {
  return node === null ? null : node.left;
}
function rightOf<T>(node: TreeEntry<T> | null): TreeEntry<T> | null {
  return node === null ? null : node.right;
}
