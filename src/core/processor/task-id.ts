// A task is one sub-topology applied to one partition of its input topics: "<subtopology>_<partition>".
export class TaskId {
  constructor(
    readonly subtopology: number,
    readonly partition: number,
  ) {}

  static parse(id: string): TaskId {
    const match = /^(\d+)_(\d+)$/.exec(id);
    if (!match) throw new Error(`'${id}' is not a task id (<subtopology>_<partition>)`);
    return new TaskId(Number(match[1]), Number(match[2]));
  }

  equals(other: TaskId): boolean {
    return this.subtopology === other.subtopology && this.partition === other.partition;
  }

  toString(): string {
    return `${this.subtopology}_${this.partition}`;
  }
}
