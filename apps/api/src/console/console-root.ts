import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:admin` writes the console (angular.json `outputPath` + `/browser`). */
export const consoleBuildFolder = join('dist', 'admin', 'browser');

/**
 * The built console's folder: found by walking up from this file to the project root (the
 * folder holding package.json), so it works from the sources (tests) and from the build.
 */
export function resolveConsoleRoot(start: string = __dirname): string {
  let folder = start;
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'apps'))) return join(folder, consoleBuildFolder);
    const parent = dirname(folder);
    if (parent === folder) return join(process.cwd(), consoleBuildFolder);
    folder = parent;
  }
}
