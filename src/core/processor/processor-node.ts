// A node of a running task: a source, a processor or a sink, with its children in the order
// they were connected. A node processes its records one at a time and in order even when its
// processor is asynchronous: while a Promise of it is pending, later records queue behind it.
import { ProcessingError, StreamsError } from '../../errors';
import type { Processor } from './processor';
import type { Record } from './record';

export abstract class ProcessorNode {
  readonly children: ProcessorNode[] = [];
  private readonly childrenByName = new Map<string, ProcessorNode>();
  private tail: Promise<void> | null = null;

  constructor(readonly name: string) {}

  addChild(child: ProcessorNode): void {
    this.children.push(child);
    this.childrenByName.set(child.name, child);
  }

  child(name: string): ProcessorNode | undefined {
    return this.childrenByName.get(name);
  }

  /** Processes `record`; returns a Promise only when this node (or a record queued before) is asynchronous. */
  process(record: Record<unknown, unknown>): void | Promise<void> {
    if (this.tail !== null) {
      return this.chain(this.tail.then(() => this.invoke(record)));
    }
    const result = this.invoke(record);
    return result ? this.chain(result) : undefined;
  }

  private chain(work: Promise<void>): Promise<void> {
    const tail: Promise<void> = work.finally(() => {
      if (this.tail === tail) this.tail = null;
    });
    this.tail = tail;
    return tail;
  }

  protected abstract invoke(record: Record<unknown, unknown>): void | Promise<void>;
}

/** Reports a failure of a processor; decides whether the record is dropped or the task fails. */
export type ProcessorFailureHandler = (node: ProcessorNode, record: Record<unknown, unknown>, error: unknown) => void;

export class SourceNode extends ProcessorNode {
  constructor(
    name: string,
    private readonly forward: (node: ProcessorNode, record: Record<unknown, unknown>) => void,
  ) {
    super(name);
  }

  protected invoke(record: Record<unknown, unknown>): void {
    this.forward(this, record);
  }
}

export class ProcessorNodeWithProcessor extends ProcessorNode {
  constructor(
    name: string,
    readonly processor: Processor<unknown, unknown, unknown, unknown>,
    private readonly onFailure: ProcessorFailureHandler,
  ) {
    super(name);
  }

  protected invoke(record: Record<unknown, unknown>): void | Promise<void> {
    try {
      const result = this.processor.process(record);
      if (result) return result.catch((error: unknown) => this.onFailure(this, record, error));
    } catch (error) {
      this.onFailure(this, record, error);
    }
    return undefined;
  }
}

/** Errors that pass through processor nodes untouched: already handled below, or meant for the runtime. */
export function isPassThroughError(error: unknown): boolean {
  return error instanceof ProcessingError || (error instanceof StreamsError && (error.code === 'TASK_MIGRATED' || error.code === 'TASK_CORRUPTED'));
}

export class SinkNode extends ProcessorNode {
  constructor(
    name: string,
    private readonly write: (node: SinkNode, record: Record<unknown, unknown>) => void,
  ) {
    super(name);
  }

  protected invoke(record: Record<unknown, unknown>): void {
    this.write(this, record);
  }
}
