/** Copyable client snippets with the real base URL. Pure. */

export interface SnippetOptions {
  baseUrl: string;
  model: string;
  apiKey: string;
}

export function curlSnippet({ baseUrl, model, apiKey }: SnippetOptions): string {
  return [
    `curl ${baseUrl}/v1/chat/completions \\`,
    `  -H 'Authorization: Bearer ${apiKey}' \\`,
    `  -H 'content-type: application/json' \\`,
    `  -d '{"model":"${model}","stream":true,"messages":[{"role":"user","content":"Hello"}]}'`,
  ].join('\n');
}

export function pythonSnippet({ baseUrl, model, apiKey }: SnippetOptions): string {
  return [
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url="${baseUrl}/v1", api_key="${apiKey}")`,
    'stream = client.chat.completions.create(',
    `    model="${model}",`,
    '    messages=[{"role": "user", "content": "Hello"}],',
    '    stream=True,',
    ')',
    'for chunk in stream:',
    '    print(chunk.choices[0].delta.content or "", end="", flush=True)',
  ].join('\n');
}

export function javascriptSnippet({ baseUrl, model, apiKey }: SnippetOptions): string {
  return [
    "import OpenAI from 'openai';",
    '',
    `const client = new OpenAI({ baseURL: '${baseUrl}/v1', apiKey: '${apiKey}' });`,
    'const stream = await client.chat.completions.create({',
    `  model: '${model}',`,
    "  messages: [{ role: 'user', content: 'Hello' }],",
    '  stream: true,',
    '});',
    "for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');",
  ].join('\n');
}

export function modelsSnippet({ baseUrl, apiKey }: SnippetOptions): string {
  return `curl ${baseUrl}/v1/models -H 'Authorization: Bearer ${apiKey}'`;
}
