import { startFakeOpenAi } from './fake-openai';

/**
 * The fake on its own, for trying a client by hand:
 * `npx tsx test/fakes/openai/main.ts [port] [model,model…] [api-key]`.
 */
async function main(): Promise<void> {
  const [port, models, apiKey] = process.argv.slice(2);
  const fake = await startFakeOpenAi({
    port: port ? Number(port) : 4010,
    models: models ? models.split(',') : undefined,
    requireApiKey: apiKey,
  });
  process.stdout.write(`Fake OpenAI upstream on ${fake.url}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
