// Union-find over node names (Java's QuickUnion): nodes joined by an edge or a shared store end up
// with one root, and one root is one sub-topology.
export class QuickUnion {
  private readonly parents = new Map<string, string>();

  add(id: string): void {
    this.parents.set(id, id);
  }

  root(id: string): string {
    let current = id;
    let parent = this.parents.get(current);
    if (parent === undefined) throw new Error(`QuickUnion: unknown id ${id}`);
    while (parent !== current) {
      // path splitting: point every visited node at its grandparent
      const grandparent = this.parents.get(parent) as string;
      this.parents.set(current, grandparent);
      current = parent;
      parent = grandparent;
    }
    return current;
  }

  unite(id: string, others: Iterable<string>): void {
    for (const other of others) {
      const root1 = this.root(id);
      const root2 = this.root(other);
      if (root1 !== root2) this.parents.set(root1, root2);
    }
  }
}
