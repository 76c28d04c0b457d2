import { SseParser } from './sse-parser';
import { toStatusEvent } from './status-event';

describe(SseParser.name, () => {
  const stream = 'event: listener-changed\ndata: {"name":"proxy","running":true,"port":3000}\n\n: keep-alive\n\ndata: [DONE]\n\n';

  it('decodes events and skips comments', () => {
    expect(new SseParser().push(stream)).toEqual([
      { event: 'listener-changed', data: '{"name":"proxy","running":true,"port":3000}' },
      { event: 'message', data: '[DONE]' },
    ]);
  });

  it('gives the same events whatever the split, with \\r\\n too', () => {
    const crlf = stream.replace(/\n/g, '\r\n');
    for (const text of [stream, crlf]) {
      for (let size = 1; size < 9; size++) {
        const sut = new SseParser();
        const events = [];
        for (let offset = 0; offset < text.length; offset += size) events.push(...sut.push(text.slice(offset, offset + size)));
        events.push(...sut.end());
        expect(events.map((event) => event.data)).toEqual(['{"name":"proxy","running":true,"port":3000}', '[DONE]']);
      }
    }
  });

  it('joins multi-line data and delivers an unterminated last event at the end', () => {
    const sut = new SseParser();
    expect(sut.push('data: a\ndata: b\n\ndata: tail')).toEqual([{ event: 'message', data: 'a\nb' }]);
    expect(sut.end()).toEqual([{ event: 'message', data: 'tail' }]);
  });
});

describe(toStatusEvent.name, () => {
  it('keeps known types with JSON data and drops the rest', () => {
    expect(toStatusEvent('credential-changed', '{"id":"a","status":"valid"}')).toEqual({ type: 'credential-changed', id: 'a', status: 'valid' });
    expect(toStatusEvent('unknown', '{}')).toBeUndefined();
    expect(toStatusEvent('settings-changed', 'not json')).toBeUndefined();
  });
});
