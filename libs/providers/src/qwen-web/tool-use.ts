import { BadRequestError, type ChatRequest, type ToolChoice, type ToolDefinition } from '@qwen-proxy/contracts';
import { defaultToolSchemaLimits, ToolCallValidator, type ToolSchemaLimits } from './tool-call.validator';
import { renderToolsSection } from './tool-prompt';

/** The tools one request offers the model, ready for prompting and checking. */
export interface ToolUse {
  /** The tools the model may call: all declared ones, or only the one `tool_choice` names. */
  tools: ToolDefinition[];
  choice: Exclude<ToolChoice, 'none'>;
  validator: ToolCallValidator;
  /** The `[Tools]` section written into the turn's message. */
  section: string;
}

/**
 * The tool use of a request, or undefined when it offers none (no tools, or `tool_choice:
 * "none"`, which leaves the tools out of the prompt entirely). Throws a 400 for a choice that
 * cannot be honoured.
 */
export function toolUseOf(request: ChatRequest, limits: ToolSchemaLimits = defaultToolSchemaLimits): ToolUse | undefined {
  const declared = request.tools ?? [];
  const choice = request.toolChoice ?? 'auto';
  if (choice === 'none') return undefined;
  if (declared.length === 0) {
    if (choice === 'auto') return undefined;
    throw new BadRequestError('tool_choice asks for a tool call, but no tools are declared.', { code: 'invalid_tool_choice', param: 'tool_choice' });
  }
  let tools = declared;
  if (typeof choice === 'object') {
    tools = declared.filter((tool) => tool.name === choice.name);
    if (tools.length === 0) {
      throw new BadRequestError(`tool_choice names the function \`${choice.name}\`, which is not among the declared tools.`, {
        code: 'invalid_tool_choice',
        param: 'tool_choice',
      });
    }
  }
  return { tools, choice, validator: new ToolCallValidator(tools, limits), section: renderToolsSection(tools, choice) };
}
