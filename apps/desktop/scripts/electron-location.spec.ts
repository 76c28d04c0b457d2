import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryInDistFolder, locateElectron, noBinaryReason } from './electron-location';

describe(locateElectron.name, () => {
  let folder: string;

  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'electron-dist-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('uses the unpacked Electron named by ELECTRON_DIST', () => {
    const binary = binaryInDistFolder(folder);
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, '');

    expect(locateElectron({ ELECTRON_DIST: folder })).toEqual({ found: true, binary, distFolder: folder });
  });

  it('says what is wrong with an ELECTRON_DIST that holds no Electron', () => {
    expect(locateElectron({ ELECTRON_DIST: folder })).toEqual({ found: false, reason: expect.stringContaining('does not exist') });
  });

  it('falls back to the binary of the electron package, which is missing when its download was skipped', () => {
    const thrower = () => {
      throw new Error('Electron failed to install correctly');
    };
    expect(locateElectron({}, thrower)).toEqual({ found: false, reason: noBinaryReason });
    expect(locateElectron({}, () => join(folder, 'nothing-here'))).toEqual({ found: false, reason: noBinaryReason });

    const binary = join(folder, 'electron');
    writeFileSync(binary, '');
    expect(locateElectron({}, () => binary)).toEqual({ found: true, binary, distFolder: folder });
  });

  it('gives the folder holding Electron.app as the dist folder on macOS', () => {
    const binary = binaryInDistFolder(folder, 'darwin');
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(binary, '');

    expect(locateElectron({}, () => binary)).toEqual({ found: true, binary, distFolder: folder });
  });

  it('knows the executable of each platform', () => {
    expect(binaryInDistFolder('/e', 'linux')).toBe(join('/e', 'electron'));
    expect(binaryInDistFolder('/e', 'win32')).toBe(join('/e', 'electron.exe'));
    expect(binaryInDistFolder('/e', 'darwin')).toBe(join('/e', 'Electron.app', 'Contents', 'MacOS', 'Electron'));
  });
});
