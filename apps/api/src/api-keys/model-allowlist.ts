/**
 * Whether a model is on a key's allowlist: exact names, or patterns where `*` stands for any
 * run of characters (`qwen3-*`, `*-coder-*`). Case-sensitive, as model ids are. No list: any model.
 */
export function isModelAllowed(allowedModels: readonly string[] | null, model: string): boolean {
  if (!allowedModels) return true;
  return allowedModels.some((pattern) => (pattern.includes('*') ? patternToExpression(pattern).test(model) : pattern === model));
}

function patternToExpression(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}
