import type { ToolDefinition } from '@qwen-proxy/contracts';
import type { ResponseToolDto } from './dto/create-response-request.dto';

type Item = Record<string, unknown>;

/**
 * A `namespace` tool groups function tools under a name (Codex sends its sub-agent tools as
 * `multi_agent_v1`; MCP servers come the same way). The model sees each nested function under
 * one qualified name, `<namespace>__<name>` (the separator MCP tool names use, and valid in every
 * upstream's tool names); its calls go back as `function_call` items with `name` and `namespace`
 * apart, as the Responses API and Codex read them.
 */
export const namespaceSeparator = '__';

export function qualifiedName(name: string, namespace: string | undefined): string {
  return namespace ? `${namespace}${namespaceSeparator}${name}` : name;
}

/** The function tools a request declares, namespaces flattened. */
export function functionToolsOf(tools: readonly ResponseToolDto[] | undefined): ToolDefinition[] {
  const definitions: ToolDefinition[] = [];
  for (const tool of tools ?? []) {
    if (tool.type === 'function' && tool.name) definitions.push({ name: tool.name, description: tool.description, parameters: tool.parameters });
    if (tool.type !== 'namespace' || !tool.name || !Array.isArray(tool.tools)) continue;
    for (const nested of tool.tools as Item[]) {
      if (nested['type'] !== 'function' || typeof nested['name'] !== 'string') continue;
      const description = [tool.description, typeof nested['description'] === 'string' ? nested['description'] : undefined].filter(Boolean).join(' — ');
      definitions.push({ name: qualifiedName(nested['name'], tool.name), description: description || undefined, parameters: nested['parameters'] as Record<string, unknown> | undefined });
    }
  }
  return definitions;
}

/** A called name as the client declared it: `{name, namespace}` for a namespaced function. */
export function splitCalledName(called: string, tools: readonly ResponseToolDto[] | undefined): { name: string; namespace?: string } {
  for (const tool of tools ?? []) {
    if (tool.type !== 'namespace' || !tool.name || !Array.isArray(tool.tools)) continue;
    const prefix = `${tool.name}${namespaceSeparator}`;
    if (!called.startsWith(prefix)) continue;
    const name = called.slice(prefix.length);
    if ((tool.tools as Item[]).some((nested) => nested['name'] === name)) return { name, namespace: tool.name };
  }
  return { name: called };
}
