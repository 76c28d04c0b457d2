/**
 * Claude Code asks for `claude-sonnet-4-5`, `claude-haiku-4-5`… and cannot be told otherwise per
 * request. No Qwen name is fixed here: Qwen renames its line-up (`qwen3-max` is gone from the
 * late-2026 list), so without an alias the account's default model answers (the first of the
 * live list, see ModelCatalogueService.availableOr).
 */

/** The `modelAliases` key that maps every Claude model name at once. */
export const claudeWildcardAlias = 'claude-*';

export function isClaudeModel(model: string): boolean {
  return /^claude-/i.test(model);
}

/**
 * The model to ask for a requested name: its own alias, else (for a Claude name) the `claude-*`
 * alias, or undefined for "the account's default model"; else the name itself.
 */
export function standInModelFor(model: string, aliases: Readonly<Record<string, string>>): string | undefined {
  const alias = aliases[model];
  if (alias) return alias;
  if (!isClaudeModel(model)) return model;
  return aliases[claudeWildcardAlias];
}
