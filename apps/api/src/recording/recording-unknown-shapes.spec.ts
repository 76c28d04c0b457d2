import type { RequestEntity } from '@qwen-proxy/persistence';
import { Recording } from './request-recorder';
import type { RecordWriter } from './record-writer';

describe('Recording of unknown upstream shapes', () => {
  function recording(onUnknownShape: (provider: string | null, kind: string) => void) {
    const requests: RequestEntity[] = [];
    const writer = { enqueueRequest: (row: RequestEntity) => requests.push(row), enqueueResponse: () => undefined, flush: async () => undefined } as unknown as RecordWriter;
    const context = { requestId: 'req_1', listener: 'proxy' as const, surface: 'openai-chat', model: 'qwen3-max', stream: false, messageCount: 1, provider: 'qwen-web' };
    const sut = new Recording(context, writer, false, undefined, (provider, shape) => onUnknownShape(provider, shape.kind));
    return { sut, requests };
  }

  it('counts every shape but keeps at most five with the request row, even with body logging off', () => {
    const counted: string[] = [];
    const { sut, requests } = recording((provider, kind) => counted.push(`${provider}:${kind}`));
    for (let index = 0; index < 7; index += 1) sut.addUnknownShape({ kind: index % 2 ? 'phase' : 'frame', name: `n${index}`, sample: '{}' });
    sut.end({ statusCode: 200, cancelled: false });
    expect(counted).toHaveLength(7);
    expect(counted[0]).toBe('qwen-web:frame');
    expect(requests[0]!.upstreamUnknownShapes?.map((shape) => shape.name)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('stores null when nothing new arrived', () => {
    const { sut, requests } = recording(() => undefined);
    sut.end({ statusCode: 200, cancelled: false });
    expect(requests[0]!.upstreamUnknownShapes).toBeNull();
  });
});
