// The Vercel AI SDK ships as ES modules only, which Jest (CommonJS, Node 20) cannot load: the
// e2e spec runs this script as a real client process and asserts on the JSON it prints.
// Usage: node vercel-ai-client.mjs '<{"scenario","baseUrl","model","prompt"}>'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

const { scenario, baseUrl, model, prompt } = JSON.parse(process.argv[2]);
const provider = createOpenAICompatible({ baseURL: `${baseUrl}/v1`, name: 'qwen-proxy', apiKey: 'x', includeUsage: true });
const weather = tool({
  description: 'The weather in a city.',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, forecast: 'Sunny, 24°C' }),
});
const stepsOf = (steps) => steps.map((step) => ({ toolCalls: step.toolCalls.map(({ toolName, input }) => ({ toolName, input })), toolResults: step.toolResults.map(({ toolName, output }) => ({ toolName, output })) }));

async function run() {
  switch (scenario) {
    case 'generate': {
      const result = await generateText({ model: provider(model), system: 'Be brief.', prompt });
      return { text: result.text, finishReason: result.finishReason, usage: result.usage };
    }
    case 'stream': {
      const result = streamText({ model: provider(model), prompt });
      const deltas = [];
      for await (const delta of result.textStream) deltas.push(delta);
      return { deltas, finishReason: await result.finishReason };
    }
    case 'generate-tools': {
      const result = await generateText({ model: provider(model), tools: { weather }, stopWhen: stepCountIs(3), prompt });
      return { text: result.text, steps: stepsOf(result.steps) };
    }
    case 'stream-tools': {
      const result = streamText({ model: provider(model), tools: { weather }, stopWhen: stepCountIs(3), prompt });
      const parts = [];
      for await (const part of result.fullStream) parts.push(part.type);
      return { text: await result.text, parts, steps: stepsOf(await result.steps) };
    }
    case 'completion': {
      const result = await generateText({ model: provider.completionModel(model), prompt });
      return { text: result.text, finishReason: result.finishReason };
    }
    default:
      throw new Error(`Unknown scenario ${scenario}`);
  }
}

run().then(
  (result) => process.stdout.write(JSON.stringify({ ok: true, result })),
  (error) => process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error) })),
);
