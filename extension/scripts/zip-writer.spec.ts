import { inflateRawSync } from 'node:zlib';
import { writeZip } from './zip-writer';

/** Reads back what the central directory lists, the way an unzip tool would. */
function readZip(archive: Buffer): Record<string, string> {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let position = archive.readUInt32LE(end + 16);
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const compressedSize = archive.readUInt32LE(position + 20);
    const nameLength = archive.readUInt16LE(position + 28);
    const localOffset = archive.readUInt32LE(position + 42);
    const name = archive.subarray(position + 46, position + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26);
    files[name] = inflateRawSync(archive.subarray(dataStart, dataStart + compressedSize)).toString('utf8');
    position += 46 + nameLength;
  }
  return files;
}

describe(writeZip.name, () => {
  it('stores files that read back unchanged', () => {
    const archive = writeZip([
      { path: 'manifest.json', content: Buffer.from('{"manifest_version":3}') },
      { path: 'popup/popup.html', content: Buffer.from('<p>é</p>'.repeat(100)) },
    ]);
    expect(readZip(archive)).toEqual({ 'manifest.json': '{"manifest_version":3}', 'popup/popup.html': '<p>é</p>'.repeat(100) });
  });

  it('gives the same bytes for the same files', () => {
    const entries = [{ path: 'a.js', content: Buffer.from('x') }];
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
  });
});
