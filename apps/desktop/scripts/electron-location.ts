import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export type ElectronLocation = { found: true; binary: string; distFolder: string } | { found: false; reason: string };

/** Where the executable sits inside an unpacked Electron folder (what electron-builder calls `electronDist`). */
export function binaryInDistFolder(distFolder: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(distFolder, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  return join(distFolder, platform === 'win32' ? 'electron.exe' : 'electron');
}

/**
 * Finds a runnable Electron: the folder named by ELECTRON_DIST, else the binary the `electron`
 * package downloaded at install. On our machines neither exists (the download is blocked), and
 * the answer says so instead of letting a tool try to download it.
 */
export function locateElectron(
  environment: Record<string, string | undefined> = process.env,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- in plain Node this require only computes a path
  resolvePackagedBinary: () => string = () => require('electron') as string,
): ElectronLocation {
  const configured = environment.ELECTRON_DIST?.trim();
  if (configured) {
    const binary = binaryInDistFolder(configured);
    return existsSync(binary)
      ? { found: true, binary, distFolder: configured }
      : { found: false, reason: `ELECTRON_DIST is ${configured}, but ${binary} does not exist: point it at an unpacked Electron 40 folder.` };
  }
  let binary: string;
  try {
    // In plain Node the `electron` package exports the path of its downloaded binary, or throws when there is none.
    binary = resolvePackagedBinary();
  } catch {
    return { found: false, reason: noBinaryReason };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { found: false, reason: noBinaryReason };
  // On macOS the executable sits inside Electron.app; electronDist is the folder holding the bundle.
  const bundle = binary.lastIndexOf(`${sep}Electron.app${sep}`);
  return { found: true, binary, distFolder: bundle >= 0 ? binary.slice(0, bundle) : dirname(binary) };
}

export const noBinaryReason =
  'no Electron binary on this machine: node_modules/electron was installed without its download (ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
  'Set ELECTRON_DIST to an unpacked Electron 40.x folder (the one holding the electron executable), or install on a machine that can download it.';
