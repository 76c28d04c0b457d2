/**
 * Runs the fake by hand: `npx tsx test/fakes/qwen/main.ts` (or `npm run fake:qwen`).
 * FAKE_QWEN_PORT (default 3100) and FAKE_QWEN_HOST (default 127.0.0.1) choose where it listens;
 * FAKE_QWEN_TOOL_AGENT=1 answers every message with the scripted tool-using model.
 */
import { startFakeQwen } from './index';
import { startupFailureMessage } from './startup-failure';

async function main(): Promise<void> {
  const port = Number(process.env['FAKE_QWEN_PORT'] ?? 3100);
  const host = process.env['FAKE_QWEN_HOST'] ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`FAKE_QWEN_PORT must be a port number, got ${JSON.stringify(process.env['FAKE_QWEN_PORT'])}`);
  }

  const toolAgent = process.env['FAKE_QWEN_TOOL_AGENT'] === '1';
  const fake = await startFakeQwen({ port, host, toolAgent, log: (line) => console.log(line) }).catch((error: unknown) => {
    throw new Error(startupFailureMessage(error, port, host));
  });
  const account = fake.issueAccount({ label: 'Manual User' });

  console.log(`Fake chat.qwen.ai listening on ${fake.url}`);
  console.log(`Account "${account.label}" (${account.email}), token valid until ${account.expiresAt.toISOString()}`);
  console.log('');
  console.log(`QWEN_BASE_URL=${fake.url}`);
  console.log(`QWEN_TOKEN=${account.token}`);
  console.log(`QWEN_COOKIES='${account.cookies}'`);
  console.log('');
  console.log(`Script answers: curl -X POST ${fake.url}/__fake/script -H 'content-type: application/json' -d '{"kind":"failure","failure":"captcha"}'`);
  console.log('Or type a magic word such as [[thinking]], [[search]], [[daily-limit]], [[cut]] or [[tool-call]] in a message.');
  if (toolAgent) console.log('Tool-agent mode: every message is answered by the scripted tool-using model.');

  let closing = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (closing) {
      return;
    }
    closing = true;
    console.log(`${signal}: closing the fake`);
    fake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
