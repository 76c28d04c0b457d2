import { benchQwenCredentials } from './qwen-credentials';
import type { Target } from '../load/target';

const userMessage = 'Say something for the benchmark.';

function openAiBody(model: string) {
  return (stream: boolean) => JSON.stringify({ model, stream, messages: [{ role: 'user', content: userMessage }] });
}

/** A completion body shaped like the one the proxy sends (qwen-web-protocol.md §3), same size. */
function qwenCompletionBody(chatId: string): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    stream: true,
    version: '2.1',
    incremental_output: true,
    chat_id: chatId,
    chat_mode: 'normal',
    model: 'qwen3-max',
    parent_id: null,
    messages: [
      {
        fid: '00000000-0000-4000-8000-000000000001',
        parentId: null,
        parent_id: null,
        childrenIds: ['00000000-0000-4000-8000-000000000002'],
        role: 'user',
        content: userMessage,
        user_action: 'chat',
        files: [],
        timestamp: now,
        models: ['qwen3-max'],
        chat_type: 't2t',
        sub_chat_type: 't2t',
        extra: { meta: { subChatType: 't2t' } },
        feature_config: { thinking_enabled: false, output_schema: 'phase', thinking_format: 'summary', auto_search: false },
      },
    ],
    timestamp: now,
  });
}

export interface TargetOrigins {
  qwenMock: string;
  openAiMock: string;
  proxy: string;
  router: string;
  portkey: string;
  gatewayPid: number;
  portkeyPid: number;
  qwenCredentials: { token: string; cookies: string };
}

/**
 * The five targets of every scenario: each mock called directly (the zero-overhead limit), our
 * two paths, and the peer gateway on the same OpenAI-compatible mock.
 */
export function buildTargets(origins: TargetOrigins): Target[] {
  const json = { 'content-type': 'application/json' };
  const qwenHeaders = {
    ...json,
    authorization: `Bearer ${origins.qwenCredentials.token}`,
    cookie: origins.qwenCredentials.cookies,
  };
  const chatId = 'bench-chat';
  return [
    {
      name: 'direct-qwen',
      origin: origins.qwenMock,
      // A bare Qwen client also has to open a chat before each new conversation.
      prelude: {
        path: '/api/v2/chats/new',
        headers: qwenHeaders,
        body: JSON.stringify({ title: 'New Chat', models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(), project_id: '' }),
      },
      path: `/api/v2/chat/completions?chat_id=${chatId}`,
      headers: qwenHeaders,
      body: () => qwenCompletionBody(chatId),
    },
    {
      name: 'direct-openai',
      origin: origins.openAiMock,
      path: '/v1/chat/completions',
      headers: { ...json, authorization: 'Bearer bench' },
      body: openAiBody('bench-model'),
    },
    {
      name: 'proxy-qwen',
      baselineName: 'direct-qwen',
      pid: origins.gatewayPid,
      origin: origins.proxy,
      path: '/v1/chat/completions',
      headers: { ...json, authorization: 'Bearer bench' },
      body: openAiBody('qwen3-max'),
    },
    {
      name: 'router-openai',
      baselineName: 'direct-openai',
      pid: origins.gatewayPid,
      origin: origins.router,
      path: '/v1/chat/completions',
      headers: { ...json, authorization: 'Bearer bench' },
      body: openAiBody('bench-model'),
    },
    {
      name: 'portkey-openai',
      baselineName: 'direct-openai',
      pid: origins.portkeyPid,
      origin: origins.portkey,
      path: '/v1/chat/completions',
      headers: {
        ...json,
        authorization: 'Bearer bench',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${origins.openAiMock}/v1`,
      },
      body: openAiBody('bench-model'),
    },
  ];
}

/**
 * One of our two gateway paths alone, for the tools that study one path (profile.ts,
 * memory-probe.ts): no peer is running, so its origin is a closed port.
 */
export function ourGatewayTarget(
  name: 'proxy-qwen' | 'router-openai',
  mocks: { qwenOrigin: string; openAiOrigin: string },
  gateway: { proxyOrigin: string; routerOrigin: string; pid: number },
): Target {
  return buildTargets({
    qwenMock: mocks.qwenOrigin,
    openAiMock: mocks.openAiOrigin,
    proxy: gateway.proxyOrigin,
    router: gateway.routerOrigin,
    portkey: 'http://127.0.0.1:1',
    gatewayPid: gateway.pid,
    portkeyPid: -1,
    qwenCredentials: benchQwenCredentials(0),
  }).find((candidate) => candidate.name === name)!;
}
