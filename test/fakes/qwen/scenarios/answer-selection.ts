import type { AnswerFeatures } from '../validation/completion-request.validation';
import type { AnswerScriptQueue } from './answer-script.queue';
import { defaultAnswer } from './default-answer';
import { magicWordAnswer } from './magic-words';
import type { ScriptedAnswer } from './scripted-answer';
import { toolAgentAnswer } from './tool-agent.answer';

/** The answer a completion gets, and what chose it. */
export interface AnswerChoice {
  answer: ScriptedAnswer;
  chosenBy: 'script' | 'magic-word' | 'tool-agent' | 'default';
}

/** What the choice depends on besides the script. */
export interface AnswerChoiceInput {
  content: string;
  chatType: string;
  features: AnswerFeatures;
  imageUrl: string;
  /** Earlier user messages of the chat branch, and whether the scripted tool-using model answers. */
  toolAgent?: { enabled: boolean; earlierContents: readonly string[] };
}

/** A test's script comes first, then a `[[magic word]]` typed by hand, then the scripted tool-using model (tool-agent mode or `[[tool-call]]`), then the default answer. */
export function chooseAnswer(script: AnswerScriptQueue, input: AnswerChoiceInput): AnswerChoice {
  const scripted = script.take();
  if (scripted) {
    return { answer: scripted, chosenBy: 'script' };
  }
  const magic = magicWordAnswer(input.content, input.imageUrl);
  if (magic) {
    return { answer: magic, chosenBy: 'magic-word' };
  }
  const agent = toolAgentAnswer({ content: input.content, enabled: input.toolAgent?.enabled ?? false, earlierContents: input.toolAgent?.earlierContents ?? [] });
  if (agent) {
    return { answer: agent, chosenBy: 'tool-agent' };
  }
  return { answer: defaultAnswer(input.chatType, input.features, input.imageUrl), chosenBy: 'default' };
}
