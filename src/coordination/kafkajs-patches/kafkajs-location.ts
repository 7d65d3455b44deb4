// Where the kafkajs that kstreams itself loads lives: the patches replace or wrap modules of
// exactly this copy (an application may have its own copy elsewhere in node_modules).
import * as path from 'node:path';

export const kafkajsDir = path.dirname(require.resolve('kafkajs/package.json'));

export function kafkajsModulePath(relative: string): string {
  return path.join(kafkajsDir, ...relative.split('/'));
}

export function kafkajsVersion(): string {
  return (require(kafkajsModulePath('package.json')) as { version: string }).version;
}
