/**
 * The Qwen model that answers a Claude model name when no alias names one. Claude Code asks for
 * `claude-sonnet-4-5`, `claude-haiku-4-5`… and cannot be told otherwise per request; Qwen3-Max is
 * the strongest general model of the web chat.
 */
export const defaultClaudeStandIn = 'qwen3-max';

/** The `modelAliases` key that maps every Claude model name at once. */
export const claudeWildcardAlias = 'claude-*';

export function isClaudeModel(model: string): boolean {
  return /^claude-/i.test(model);
}

/**
 * The model to ask for a requested name: its own alias, else (for a Claude name) the `claude-*`
 * alias or the default stand-in, else the name itself.
 */
export function standInModelFor(model: string, aliases: Readonly<Record<string, string>>): string {
  const alias = aliases[model];
  if (alias) return alias;
  if (!isClaudeModel(model)) return model;
  return aliases[claudeWildcardAlias] ?? defaultClaudeStandIn;
}
