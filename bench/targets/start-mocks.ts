import { join } from 'node:path';
import type { MockAnswer } from '../mocks/mock-answer';
import { type ChildService, startChildService } from './child-service';

export interface MockUpstreams {
  service: ChildService;
  qwenOrigin: string;
  openAiOrigin: string;
  setAnswer: (answer: MockAnswer) => Promise<void>;
}

/** Starts both mocks in their own process (see mock-servers.main.ts). */
export async function startMocks(): Promise<MockUpstreams> {
  const service = await startChildService({
    name: 'mock upstreams',
    command: process.execPath,
    args: ['--import', 'tsx', join(__dirname, '..', 'mocks', 'mock-servers.main.ts')],
    ready: /\{"qwenPort":\d+,"openAiPort":\d+\}/,
  });
  const { qwenPort, openAiPort } = JSON.parse(/\{"qwenPort":\d+,"openAiPort":\d+\}/.exec(service.output())![0]) as {
    qwenPort: number;
    openAiPort: number;
  };
  const qwenOrigin = `http://127.0.0.1:${qwenPort}`;
  const openAiOrigin = `http://127.0.0.1:${openAiPort}`;
  return {
    service,
    qwenOrigin,
    openAiOrigin,
    setAnswer: async (answer) => {
      const response = await fetch(`${qwenOrigin}/__bench/answer`, { method: 'POST', body: JSON.stringify(answer) });
      if (response.status !== 204) throw new Error(`the mocks refused the answer settings: HTTP ${response.status}`);
    },
  };
}
