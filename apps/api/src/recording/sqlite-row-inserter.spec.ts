import { DataSource } from 'typeorm';
import { createDataSourceOptions, RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { SqliteRowInserter } from './sqlite-row-inserter';

describe(SqliteRowInserter.name, () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = await new DataSource(createDataSourceOptions({ dataDirectory: '/tmp', sqliteFile: ':memory:' })).initialize();
  });
  afterEach(() => dataSource.destroy());

  it('writes rows TypeORM reads back identically: booleans, JSON, milliseconds, nulls', async () => {
    const request: RequestEntity = {
      id: 'req_1', listener: 'proxy', surface: 'openai-chat', model: 'qwen3-max', stream: true, messageCount: 2,
      provider: 'qwen-web', credentialId: null, sessionId: null, clientUserAgent: 'sdk', body: { messages: [{ role: 'user', content: 'hi' }] },
      apiKeyId: null, upstreamUnknownShapes: [{ kind: 'frame', name: 'response.hologram', sample: '{"level":3}' }], startedAt: 1_772_726_060_123,
    };
    const response: ResponseEntity = {
      requestId: 'req_1', statusCode: 200, finishReason: 'stop', truncated: false, cancelled: true, errorCode: null, errorMessage: null,
      promptTokens: 3, completionTokens: 5, totalTokens: 8, reasoningTokens: null, usageEstimated: true, usageTokenizer: 'qwen3', timeToFirstTokenMs: 12,
      durationMs: 40, attempts: [{ provider: 'a', model: 'm', durationMs: 3 }], body: null, completedAt: 1_772_726_060_200,
    };
    new SqliteRowInserter(dataSource).insertAll([
      { entity: RequestEntity, row: request },
      { entity: ResponseEntity, row: response },
    ]);
    expect(await dataSource.getRepository(RequestEntity).findOneByOrFail({ id: 'req_1' })).toEqual(request);
    expect(await dataSource.getRepository(ResponseEntity).findOneByOrFail({ requestId: 'req_1' })).toEqual(response);
  });

  it('writes a batch all or nothing', async () => {
    const orphan = { requestId: 'missing', statusCode: 200, truncated: false, cancelled: false, usageEstimated: false, durationMs: 1, completedAt: 1 } as ResponseEntity;
    expect(() => new SqliteRowInserter(dataSource).insertAll([{ entity: ResponseEntity, row: orphan }])).toThrow(/FOREIGN KEY/);
    expect(await dataSource.getRepository(ResponseEntity).count()).toBe(0);
  });
});
