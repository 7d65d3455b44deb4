// Java's BranchedKStream (BranchedKStreamImpl): what KStream#split() returns. Each branch() adds a
// predicate and a branch; a record goes to the first branch whose predicate it satisfies, else to
// the default branch if there is one, else nowhere. defaultBranch() or noDefaultBranch() ends the
// split and returns the branches by name.
//
// Naming, as Java: the splitter is the split's Named or KSTREAM-BRANCH-<index>; a branch is the
// splitter's name followed directly by the Branched name (no separator), or by its number — 1, 2, ...
// in the order added, 0 for the default branch: KSTREAM-BRANCH-0000000001 gives branches
// KSTREAM-BRANCH-00000000011, KSTREAM-BRANCH-00000000012 and KSTREAM-BRANCH-00000000010.
import { TopologyError } from '../../errors';
import { KStreamBranch } from '../processor/stream-branch';
import { KStreamPassThrough } from '../processor/stream-passthrough';
import { Branched } from './branched';
import { ProcessorGraphNode } from './graph/processor-graph-node';
import { ProcessorParameters } from './graph/processor-parameters';
import { KStream } from './kstream';
import { BRANCH_NAME } from './kstream-names';
import type { NamedInternal } from './named';
import { requireFunction } from './require-non-null';

export class BranchedKStream<K, V> {
  private readonly splitterName: string;
  private readonly splitterNode: ProcessorGraphNode;
  // shared with the splitter's processors, which read them at run time, when every branch is added
  private readonly predicates: ((key: K, value: V) => boolean)[] = [];
  private readonly childNames: string[] = [];
  private readonly outputBranches = new Map<string, KStream<K, V>>();
  private ended = false;

  /** @internal Use KStream#split(). */
  constructor(
    private readonly source: KStream<K, V>,
    private readonly repartitionRequired: boolean,
    named: NamedInternal,
  ) {
    this.splitterName = named.orElseGenerateWithPrefix(source.builder, BRANCH_NAME);
    const { predicates, childNames } = this;
    this.splitterNode = new ProcessorGraphNode(
      this.splitterName,
      ProcessorParameters.ofFactory(() => new KStreamBranch(predicates, childNames), this.splitterName),
    );
    source.builder.addGraphNode(source.graphNode, this.splitterNode);
  }

  /** Adds a branch for the records that satisfy `predicate` (and no earlier branch's predicate). */
  branch(predicate: (key: K, value: V) => boolean, branched?: Branched<K, V>): this {
    requireFunction(predicate, 'predicate');
    const spec = branchedOrEmpty(branched);
    if (this.ended) throw new TopologyError(`split ${this.splitterName} already ended with defaultBranch() or noDefaultBranch(): add every branch() before it.`);
    this.predicates.push(predicate);
    this.createBranch(spec, this.predicates.length);
    return this;
  }

  /** Adds the branch for records no predicate accepted, and returns the branches by name. */
  defaultBranch(branched?: Branched<K, V>): Map<string, KStream<K, V>> {
    const spec = branchedOrEmpty(branched);
    if (this.ended) throw new TopologyError(`split ${this.splitterName} already ended with defaultBranch() or noDefaultBranch().`);
    this.createBranch(spec, 0);
    this.ended = true;
    return this.outputBranches;
  }

  /** Returns the branches by name; records no predicate accepted are dropped. */
  noDefaultBranch(): Map<string, KStream<K, V>> {
    this.ended = true;
    return this.outputBranches;
  }

  private createBranch(branched: Branched<K, V>, index: number): void {
    const source = this.source;
    const childName = this.splitterName + (branched.name ?? String(index));
    this.childNames.push(childName);
    // Java consumes an index here, with the branch's name as prefix, and discards the result
    source.builder.newProcessorName(childName);
    const node = new ProcessorGraphNode(childName, ProcessorParameters.ofFactory(() => new KStreamPassThrough<K, V>(), childName));
    source.builder.addGraphNode(this.splitterNode, node);
    const branch = new KStream<K, V>(source.builder, childName, source.keySerde, source.valueSerde, source.subTopologySourceNodes, this.repartitionRequired, node);
    if (branched.chainFunction !== null) {
      const transformed = branched.chainFunction(branch);
      if (transformed !== null && transformed !== undefined) this.outputBranches.set(childName, transformed);
    } else if (branched.chainConsumer !== null) {
      branched.chainConsumer(branch);
    } else {
      this.outputBranches.set(childName, branch);
    }
  }
}

function branchedOrEmpty<K, V>(branched: Branched<K, V> | undefined): Branched<K, V> {
  if (branched === undefined) return Branched.empty<K, V>();
  if (branched === null) throw new TopologyError("branched can't be null");
  return branched;
}
