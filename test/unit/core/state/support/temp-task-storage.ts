// A TaskStorage in a fresh temporary state directory, for store tests; dispose() closes it and
// deletes the directory.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TaskId } from '../../../../../src/core/processor/task-id';
import { TaskStorage, type TaskStorageOptions } from '../../../../../src/core/state/task-storage';

export interface TempTaskStorage {
  readonly storage: TaskStorage;
  readonly stateDir: string;
  /** Another TaskStorage for the same task directory (a restart), with the same options. */
  reopen(): TaskStorage;
  dispose(): Promise<void>;
}

export async function tempTaskStorage(options: Partial<TaskStorageOptions> = {}): Promise<TempTaskStorage> {
  const stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kstreams-state-test-'));
  const full: TaskStorageOptions = { stateDir, applicationId: 'app', taskId: new TaskId(0, 0), pendingWritesMaxBytes: 16 * 1024 * 1024, ...options };
  const opened: TaskStorage[] = [];
  const make = (): TaskStorage => {
    const storage = new TaskStorage(full);
    opened.push(storage);
    return storage;
  };
  return {
    storage: make(),
    stateDir,
    reopen: make,
    dispose: async () => {
      for (const storage of opened) await storage.close().catch(() => undefined);
      await fs.rm(stateDir, { recursive: true, force: true });
    },
  };
}
