import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { writeZip } from './zip-writer';

export interface BuildOptions {
  /** The unpacked extension folder (default extension/dist). */
  outputDirectory?: string;
  /** Extra control-plane origins to build in (host permission and page bridge), e.g. http://127.0.0.1:4002. */
  controlOrigins?: string[];
  /** Where the zip goes; null for none (default: beside the folder, qwen-proxy-extension-<version>.zip). */
  zipPath?: string | null;
}

export interface BuildResult {
  outputDirectory: string;
  zipPath: string | null;
}

const extensionRoot = resolve(__dirname, '..');

interface Manifest {
  version: string;
  host_permissions: string[];
  content_scripts: { matches: string[]; js: string[] }[];
}

function manifestWith(controlOrigins: readonly string[]): Manifest {
  const manifest = JSON.parse(readFileSync(join(extensionRoot, 'manifest.json'), 'utf8')) as Manifest;
  const patterns = controlOrigins.map((origin) => `${new URL(origin).origin}/*`);
  const bridge = manifest.content_scripts.find((script) => script.js.includes('console-bridge.js'));
  if (!bridge) throw new Error('manifest.json has no console-bridge.js content script');
  bridge.matches = [...new Set([...bridge.matches, ...patterns])];
  manifest.host_permissions = [...new Set([...manifest.host_permissions, ...patterns])];
  return manifest;
}

/** Bundles the TypeScript sources with esbuild into a folder Chrome loads unpacked, and zips it. */
export async function buildExtension(options: BuildOptions = {}): Promise<BuildResult> {
  const outputDirectory = resolve(options.outputDirectory ?? join(extensionRoot, 'dist'));
  rmSync(outputDirectory, { recursive: true, force: true });
  mkdirSync(outputDirectory, { recursive: true });

  await build({
    entryPoints: {
      'service-worker': join(extensionRoot, 'src/background/service-worker.ts'),
      'console-bridge': join(extensionRoot, 'src/content/console-bridge.ts'),
      'qwen-page': join(extensionRoot, 'src/content/qwen-page.ts'),
      popup: join(extensionRoot, 'src/popup/popup.ts'),
    },
    outdir: outputDirectory,
    bundle: true,
    // Content scripts cannot be modules; one format for every entry keeps it simple.
    format: 'iife',
    target: 'chrome116',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['popup.html', 'popup.css']) copyFileSync(join(extensionRoot, 'src/popup', file), join(outputDirectory, file));
  const manifest = manifestWith(options.controlOrigins ?? []);
  writeFileSync(join(outputDirectory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const zipPath = options.zipPath === null ? null : resolve(options.zipPath ?? join(outputDirectory, '..', `qwen-proxy-extension-${manifest.version}.zip`));
  if (zipPath) {
    const files = readdirSync(outputDirectory).sort();
    writeFileSync(zipPath, writeZip(files.map((path) => ({ path, content: readFileSync(join(outputDirectory, path)) }))));
  }
  return { outputDirectory, zipPath };
}

function parseArguments(argv: readonly string[]): BuildOptions {
  const options: BuildOptions = { controlOrigins: [] };
  for (let index = 0; index < argv.length; index++) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (name === '--out') options.outputDirectory = value;
    else if (name === '--control-origin') options.controlOrigins!.push(value);
    else if (name === '--zip') options.zipPath = value;
    else if (name === '--no-zip') {
      options.zipPath = null;
      continue;
    } else throw new Error(`Unknown option ${name}. Options: --out DIR, --control-origin URL (repeatable), --zip FILE, --no-zip`);
    index++;
  }
  return options;
}

if (require.main === module) {
  buildExtension(parseArguments(process.argv.slice(2))).then(
    ({ outputDirectory, zipPath }) => console.log(`Extension built: ${outputDirectory} (load unpacked)${zipPath ? `, ${zipPath}` : ''}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
