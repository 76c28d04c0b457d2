import { trace } from '@opentelemetry/api';
import { type OtlpReceiver, startOtlpReceiver } from './support/otlp-receiver';
import { startTestStack, type TestStack } from './support/test-stack';

// Loading any of these would flip its flag: without OTEL_EXPORTER_OTLP_ENDPOINT none may load.
let mockSdkLoaded = false;
let mockExporterLoaded = false;
jest.mock('@opentelemetry/sdk-trace-base', () => {
  mockSdkLoaded = true;
  return jest.requireActual('@opentelemetry/sdk-trace-base');
});
jest.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  mockExporterLoaded = true;
  return jest.requireActual('@opentelemetry/exporter-trace-otlp-http');
});

describe('tracing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let receiver: OtlpReceiver;
  let stack: TestStack;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // The receiver listens, but nothing names it: the gateway must not find it on its own either.
    stack = await startTestStack({ environment: { OTEL_SERVICE_NAME: 'qwen-proxy-untraced' } });
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  it('serves requests without loading the SDK or the exporter, and no span records or reaches a receiver', async () => {
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('You said');
    // The API alone: spans are the no-op kind.
    expect(trace.getTracer('qwen-proxy').startSpan('probe').isRecording()).toBe(false);
    // A graceful stop is when a provider would flush: nothing is sent.
    await stack.close();
    expect(receiver.requests).toEqual([]);
    expect(mockSdkLoaded).toBe(false);
    expect(mockExporterLoaded).toBe(false);
  });
});
