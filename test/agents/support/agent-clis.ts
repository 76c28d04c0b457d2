import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm install --prefix test/agents` puts the CLIs' executables. */
export const agentBinFolder = join(__dirname, '..', 'node_modules', '.bin');

/** The model the CLIs are told to use; the fake's catalogue has it. */
export const agentModel = 'qwen3-coder-plus';

/** The client key the CLIs send (the test stack defines no keys, so any works). */
export const agentApiKey = 'sk-agent-test';

/** A run of one CLI: where it lives, its (fresh) home and work folder, the product's URL. */
export interface AgentRunContext {
  home: string;
  workDirectory: string;
  /** The listener's origin, e.g. `http://127.0.0.1:40123` (no `/v1`). */
  baseUrl: string;
  prompt: string;
}

export interface AgentInvocation {
  args: string[];
  environment: Record<string, string>;
}

/** One coding agent, run non-interactively with its tools auto-approved. */
export interface AgentCli {
  name: string;
  /** The npm package the executable comes from (test/agents/package.json). */
  packageName: string;
  executable: string;
  /** The API it speaks, for the report. */
  api: string;
  /** Writes its config into the fresh home / work folder and says how to start it. */
  prepare(context: AgentRunContext): AgentInvocation;
}

/** Off for every CLI: telemetry, update checks, error reporting, colours. */
const quiet = { NO_COLOR: '1', CI: 'true', DO_NOT_TRACK: '1' };

export const claudeCode: AgentCli = {
  name: 'Claude Code',
  packageName: '@anthropic-ai/claude-code',
  executable: join(agentBinFolder, 'claude'),
  api: 'POST /v1/messages?beta=true (streamed)',
  prepare: ({ baseUrl, prompt }) => ({
    args: ['-p', prompt, '--dangerously-skip-permissions', '--output-format', 'text'],
    environment: {
      ...quiet,
      ANTHROPIC_BASE_URL: baseUrl,
      ANTHROPIC_API_KEY: agentApiKey,
      ANTHROPIC_MODEL: agentModel,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: agentModel,
      ANTHROPIC_DEFAULT_SONNET_MODEL: agentModel,
      ANTHROPIC_DEFAULT_OPUS_MODEL: agentModel,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      // Claude Code refuses --dangerously-skip-permissions as root unless told it is sandboxed.
      IS_SANDBOX: '1',
    },
  }),
};

export const codex: AgentCli = {
  name: 'Codex CLI',
  packageName: '@openai/codex',
  executable: join(agentBinFolder, 'codex'),
  api: 'POST /v1/responses (streamed)',
  prepare: ({ home, baseUrl, prompt, workDirectory }) => {
    const codexHome = join(home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    writeFileSync(
      join(codexHome, 'config.toml'),
      [
        `model = "${agentModel}"`,
        'model_provider = "qwen-proxy"',
        'check_for_update_on_startup = false',
        '',
        '[model_providers.qwen-proxy]',
        'name = "Qwen Proxy"',
        `base_url = "${baseUrl}/v1"`,
        'env_key = "QWEN_PROXY_API_KEY"',
        'wire_api = "responses"',
        '',
        '[analytics]',
        'enabled = false',
        '',
      ].join('\n'),
    );
    return {
      args: ['exec', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '--cd', workDirectory, prompt],
      environment: { ...quiet, CODEX_HOME: codexHome, QWEN_PROXY_API_KEY: agentApiKey },
    };
  },
};

export const qwenCode: AgentCli = {
  name: 'Qwen Code',
  packageName: '@qwen-code/qwen-code',
  executable: join(agentBinFolder, 'qwen'),
  api: 'POST /v1/chat/completions (streamed)',
  prepare: ({ home, baseUrl, prompt }) => {
    const settingsFolder = join(home, '.qwen');
    mkdirSync(settingsFolder, { recursive: true });
    writeFileSync(
      join(settingsFolder, 'settings.json'),
      JSON.stringify({ security: { auth: { selectedType: 'openai' } }, privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false }, general: { disableAutoUpdate: true, disableUpdateNag: true } }, null, 2),
    );
    return {
      args: ['-p', prompt, '--yolo', '--auth-type', 'openai'],
      environment: { ...quiet, OPENAI_BASE_URL: `${baseUrl}/v1`, OPENAI_API_KEY: agentApiKey, OPENAI_MODEL: agentModel },
    };
  },
};

export const openCode: AgentCli = {
  name: 'OpenCode',
  packageName: 'opencode-ai',
  executable: join(agentBinFolder, 'opencode'),
  api: 'POST /v1/chat/completions via the AI SDK (streamed)',
  prepare: ({ baseUrl, prompt, workDirectory }) => {
    const config = {
      $schema: 'https://opencode.ai/config.json',
      provider: {
        'qwen-proxy': {
          npm: '@ai-sdk/openai-compatible',
          name: 'Qwen Proxy',
          options: { baseURL: `${baseUrl}/v1`, apiKey: agentApiKey },
          models: { [agentModel]: { name: 'Qwen3 Coder Plus', tool_call: true } },
        },
      },
      model: `qwen-proxy/${agentModel}`,
      small_model: `qwen-proxy/${agentModel}`,
      permission: { edit: 'allow', bash: 'allow', webfetch: 'allow' },
      autoupdate: false,
      share: 'disabled',
    };
    writeFileSync(join(workDirectory, 'opencode.json'), JSON.stringify(config, null, 2));
    return {
      args: ['run', prompt],
      environment: { ...quiet, OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: '1', OPENCODE_DISABLE_DEFAULT_PLUGINS: '1' },
    };
  },
};

export const agentClis: readonly AgentCli[] = [claudeCode, codex, qwenCode, openCode];

/**
 * Whether a CLI is installed. On CI a missing one is a failure with a message (the agents
 * tests must not be skipped there); locally it is skipped with the same message.
 */
export function installedCli(cli: AgentCli): boolean {
  if (existsSync(cli.executable)) return true;
  const message = `${cli.name} is not installed at ${cli.executable}: run \`npm install --prefix test/agents\`.`;
  if (process.env['CI'] === 'true') throw new Error(`CI=true and ${message} The agents tests must not be skipped on CI.`);
  console.warn(`Skipping ${cli.name}: ${message}`);
  return false;
}
