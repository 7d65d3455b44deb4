// Where the kafkajs that kstreams itself loads lives: the patches replace or wrap modules of
// exactly this copy (an application may have its own copy elsewhere in node_modules).
import Module from 'node:module';
import * as path from 'node:path';

export const kafkajsDir = path.dirname(require.resolve('kafkajs/package.json'));

export function kafkajsModulePath(relative: string): string {
  return path.join(kafkajsDir, ...relative.split('/'));
}

export function kafkajsVersion(): string {
  return (require(kafkajsModulePath('package.json')) as { version: string }).version;
}

/**
 * `target` and every loaded kafkajs module that required it, directly or through others: what must
 * be dropped from the require cache so that a replaced module is used when kafkajs loads again.
 */
export function kafkajsModulesRequiring(target: string): string[] {
  const loaded = Object.keys(require.cache).filter((id) => id.startsWith(kafkajsDir + path.sep));
  const holding = new Set([target]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of loaded) {
      if (!holding.has(id) && require.cache[id]?.children.some((child) => holding.has(child.filename))) {
        holding.add(id);
        grew = true;
      }
    }
  }
  return [...holding];
}

/** Puts `exports` in Node's require cache as the module at `modulePath`, marked with `mark` so that every copy of kstreams recognises it. */
export function installModuleReplacement(modulePath: string, exports: unknown, mark: symbol): void {
  const replacement = new Module(modulePath, module) as NodeJS.Module & Record<symbol, true>;
  replacement.filename = modulePath;
  replacement.loaded = true;
  replacement.exports = exports;
  replacement[mark] = true;
  require.cache[modulePath] = replacement;
}

/** kafkajs's own module at `modulePath`, loaded beside whatever the require cache holds (which is left as it was). */
export function loadOriginalModule<T>(modulePath: string): T {
  const cached = require.cache[modulePath];
  delete require.cache[modulePath];
  try {
    return require(modulePath) as T;
  } finally {
    if (cached === undefined) delete require.cache[modulePath];
    else require.cache[modulePath] = cached;
  }
}
