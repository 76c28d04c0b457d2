import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchResults, renderMarkdown } from './markdown';

const resultsDirectory = join(__dirname, '..', 'results');
const readmePath = join(__dirname, '..', 'README.md');
const readmeStart = '<!-- bench:latest:start -->';
const readmeEnd = '<!-- bench:latest:end -->';

/**
 * Writes latest.json/latest.md and timestamped copies; a full run also replaces the table the
 * README quotes (a quick run is a smoke check, not the figure we publish).
 */
export function writeResults(results: BenchResults): { markdown: string; files: string[] } {
  mkdirSync(resultsDirectory, { recursive: true });
  const markdown = renderMarkdown(results);
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const files = [
    join(resultsDirectory, 'latest.json'),
    join(resultsDirectory, 'latest.md'),
    join(resultsDirectory, `${stamp}-${results.mode}.json`),
    join(resultsDirectory, `${stamp}-${results.mode}.md`),
  ];
  const json = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(files[0], json);
  writeFileSync(files[1], markdown);
  writeFileSync(files[2], json);
  writeFileSync(files[3], markdown);
  if (results.mode === 'full' && existsSync(readmePath)) {
    const readme = readFileSync(readmePath, 'utf8');
    const start = readme.indexOf(readmeStart);
    const end = readme.indexOf(readmeEnd);
    if (start >= 0 && end > start) {
      writeFileSync(readmePath, readme.slice(0, start + readmeStart.length) + '\n' + markdown + readme.slice(end));
      files.push(readmePath);
    }
  }
  return { markdown, files };
}
