/**
 * A tool call's JSON arguments as the object Anthropic's `tool_use.input` must be. Models
 * sometimes write nothing (no arguments) or a non-object; both read as `{}`.
 */
export function toolInputOf(argumentsText: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(argumentsText || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
