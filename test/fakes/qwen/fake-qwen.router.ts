import type { FakeQwenState } from './fake-qwen.state';
import { methodNotAllowed, routeNotFound } from './failures/qwen-error.replies';
import { createChat } from './handlers/chat-creation.handler';
import { deleteChat } from './handlers/chat-deletion.handler';
import { completeChat } from './handlers/completion.handler';
import { issueAccount, listChats, listRequests, resetFake, scriptAnswers } from './handlers/control.handler';
import { serveFakeImage } from './handlers/fake-image.handler';
import { parseFile, parseStatus } from './handlers/file-parse.handler';
import { listModels, listModelsVersion2 } from './handlers/models.handler';
import { getObject, putObject } from './handlers/oss-object.handler';
import { showProfile } from './handlers/profile.handler';
import { serveHomepage } from './web-build/homepage.handler';
import { stopGeneration } from './generations/generation-stop.handler';
import { refreshToken } from './accounts/token-refresh.handler';
import { requestUploadTicket } from './handlers/upload-ticket.handler';
import type { HttpExchange } from './http/http-exchange';

type Handler = (exchange: HttpExchange, state: FakeQwenState, pathParameter: string) => void | Promise<void>;

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the whole path; a capture group becomes `pathParameter`. */
  path: RegExp;
  handle: Handler;
}

/** The paths of the control API, which are not Qwen traffic and so are not recorded. */
export const CONTROL_PATH_PREFIX = '/__fake/';

/** API calls are recorded; control calls and homepage loads (page traffic, not API traffic) are not. */
export function isRecordedPath(path: string): boolean {
  return !path.startsWith(CONTROL_PATH_PREFIX) && path !== '/';
}

// Trailing slashes are exact on purpose: `/api/v1/auths` without one is a 404 on the real service too.
const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/$/, handle: serveHomepage },
  { method: 'GET', path: /^\/api\/models$/, handle: listModels },
  { method: 'GET', path: /^\/api\/v2\/models\/?$/, handle: listModelsVersion2 },
  { method: 'POST', path: /^\/api\/v2\/chats\/new$/, handle: createChat },
  { method: 'POST', path: /^\/api\/v2\/chat\/completions$/, handle: completeChat },
  { method: 'POST', path: /^\/api\/v2\/chat\/completions\/stop$/, handle: stopGeneration },
  { method: 'DELETE', path: /^\/api\/v2\/chats\/([^/]+)$/, handle: deleteChat },
  { method: 'GET', path: /^\/api\/v1\/auths\/$/, handle: showProfile },
  { method: 'POST', path: /^\/api\/v2\/auths\/refresh$/, handle: refreshToken },
  { method: 'POST', path: /^\/api\/v2\/files\/getstsToken$/, handle: requestUploadTicket },
  { method: 'POST', path: /^\/api\/v2\/files\/parse$/, handle: parseFile },
  { method: 'POST', path: /^\/api\/v2\/files\/parse\/status$/, handle: parseStatus },
  // The OSS bucket, path-style on the fake's own port (the real one is a separate host).
  { method: 'PUT', path: /^\/oss\/(.+)$/, handle: putObject },
  { method: 'GET', path: /^\/oss\/(.+)$/, handle: getObject },
  { method: 'POST', path: /^\/__fake\/script$/, handle: scriptAnswers },
  { method: 'POST', path: /^\/__fake\/accounts$/, handle: issueAccount },
  { method: 'GET', path: /^\/__fake\/requests$/, handle: listRequests },
  { method: 'GET', path: /^\/__fake\/chats$/, handle: listChats },
  { method: 'POST', path: /^\/__fake\/reset$/, handle: resetFake },
  { method: 'GET', path: /^\/__fake\/images\/([\w-]+)\.png$/, handle: serveFakeImage },
];

/** Sends the exchange to its handler; unknown paths get FastAPI's 404, known paths with the wrong method a 405. */
export async function routeRequest(exchange: HttpExchange, state: FakeQwenState): Promise<void> {
  const candidates = ROUTES.flatMap((route) => {
    const match = route.path.exec(exchange.path);
    return match ? [{ route, parameter: decodeURIComponent(match[1] ?? '') }] : [];
  });
  if (candidates.length === 0) {
    exchange.reject({ error: routeNotFound(), reason: `no route for ${exchange.path}` });
    return;
  }
  const chosen = candidates.find(({ route }) => route.method === exchange.method);
  if (!chosen) {
    exchange.reject({ error: methodNotAllowed(), reason: `${exchange.method} is not allowed on ${exchange.path}` });
    return;
  }
  await chosen.route.handle(exchange, state, chosen.parameter);
}
