import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * The file a command name runs, as a shell would find it: a name with a slash is taken
 * relative to `cwd`, any other is searched in `path`. Undefined when there is no such
 * executable file, so a typo is reported plainly rather than as the child's exec failure.
 */
export function findExecutable(command: string, path: string, cwd: string): string | undefined {
  if (command.includes('/')) {
    const f = isAbsolute(command) ? command : resolve(cwd, command);
    return isExecutable(f) ? f : undefined;
  }
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const f = join(isAbsolute(dir) ? dir : resolve(cwd, dir), command);
    if (isExecutable(f)) return f;
  }
  return undefined;
}

function isExecutable(f: string): boolean {
  try {
    if (!statSync(f).isFile()) return false;
    accessSync(f, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
