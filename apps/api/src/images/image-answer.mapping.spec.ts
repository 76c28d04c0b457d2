import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SseDecoder } from '@qwen-proxy/contracts';
import { QwenStreamState } from '@qwen-proxy/qwen';
import { imageUrlsOf } from './image-answer.mapping';

/** The answer text a real t2i stream becomes, as the Qwen client hands it on. */
function answerTextOf(fixture: string): string {
  const decoder = new SseDecoder();
  const state = new QwenStreamState();
  const payloads = [...decoder.push(readFileSync(join(__dirname, 'fixtures', 'real', fixture))), ...decoder.end()].map((message) => message.data);
  const events = [...payloads.flatMap((payload) => state.push(JSON.parse(payload))), ...state.end()];
  expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  return events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join('');
}

describe('imageUrlsOf on real t2i streams (smanx 2026-03-04)', () => {
  it('finds both CDN images of the first turn, in order, with their signed keys', () => {
    const urls = imageUrlsOf(answerTextOf('smanx-2026-03-04-t2i-first-turn.sse'));
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^https:\/\/cdn\.qwenlm\.ai\/output\/.+\/t2i\/8a14f168-ea9b-454c-85c2-a6aa32e8c4eb\/177261631184e8\.png\?key=\S+/);
    expect(urls[1]).toContain('/177261631200a1.png?key=');
  });

  it('finds the images of the second turn, none repeated from the first', () => {
    const first = imageUrlsOf(answerTextOf('smanx-2026-03-04-t2i-first-turn.sse'));
    const second = imageUrlsOf(answerTextOf('smanx-2026-03-04-t2i-second-turn.sse'));
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((url) => url.startsWith('https://cdn.qwenlm.ai/output/'))).toBe(true);
    expect(second.filter((url) => first.includes(url))).toEqual([]);
  });
});

describe('imageUrlsOf', () => {
  it('takes each URL once and ignores links and words that are not images', () => {
    const text = 'Here: ![image](https://a.example/1.png)\n\n[a link](https://a.example/page) ![image](https://a.example/1.png) ![x](http://b.example/2.jpg)';
    expect(imageUrlsOf(text)).toEqual(['https://a.example/1.png', 'http://b.example/2.jpg']);
  });

  it('finds nothing in an answer in words', () => {
    expect(imageUrlsOf('I cannot draw that.')).toEqual([]);
  });
});
