import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from './support/test-stack';

/** The README's "Metrics" table: each documented name with its Prometheus type. */
function documentedMetrics(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('**Metrics** on `/metrics`'));
  const rows = table.slice(0, table.indexOf('\n\n', table.indexOf('| Name |')));
  return new Map([...rows.matchAll(/^\| `([a-z_]+)` \| (counter|gauge|histogram) \|/gm)].map((match) => [match[1], match[2]]));
}

/** `# TYPE` lines of a scrape: every metric the registry has, observed or not. */
function scrapedTypes(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1], match[2]]));
}

describe('/metrics names (README, Metrics)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('exposes every documented name with its type, and no undocumented qwen_proxy_ or gen_ai_ metric', async () => {
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count me' }] });
    const documented = documentedMetrics();
    expect(documented.size).toBeGreaterThanOrEqual(15);
    const scraped = scrapedTypes(await (await fetch(`${stack.app.controlUrl}/metrics`)).text());
    for (const [name, type] of documented) expect({ name, type: scraped.get(name) }).toEqual({ name, type });
    const ours = [...scraped.keys()].filter((name) => /^(qwen_proxy_|gen_ai_)/.test(name));
    expect(ours.filter((name) => !documented.has(name))).toEqual([]);
    // Prometheus' conventions: counters end in _total, durations are in seconds.
    for (const name of ours) {
      if (scraped.get(name) === 'counter') expect(name).toMatch(/_total$/);
      if (/duration|time/.test(name)) expect(name).toMatch(/_seconds$/);
    }
  });

  it('observes an answer in the GenAI metrics with the conventions’ attributes', async () => {
    const text = await (await fetch(`${stack.app.controlUrl}/metrics`)).text();
    const labels = 'gen_ai_operation_name="chat",gen_ai_provider_name="qwen-web",gen_ai_request_model="qwen3-max"';
    expect(text).toContain(`gen_ai_server_request_duration_seconds_count{${labels},error_type=""} 1`);
    expect(text).toContain(`gen_ai_server_time_to_first_token_seconds_count{${labels}} 1`);
    expect(text).toContain(`gen_ai_client_token_usage_count{${labels},gen_ai_token_type="input"} 1`);
    expect(text).toContain(`gen_ai_client_token_usage_count{${labels},gen_ai_token_type="output"} 1`);
  });
});
