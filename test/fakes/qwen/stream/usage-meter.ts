import type { QwenUsage } from './qwen-frames';

/** A rough tokenizer: about four characters per token, enough to make usage plausible and growing. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Keeps the running totals a stream reports in `usage`. */
export class UsageMeter {
  private reasoningText = '';
  private answerText = '';
  private readonly inputTokens: number;

  constructor(input: string) {
    this.inputTokens = Math.max(1, estimateTokens(input));
  }

  addReasoning(text: string): void {
    this.reasoningText += text;
  }

  addAnswer(text: string): void {
    this.answerText += text;
  }

  current(): QwenUsage {
    const reasoningTokens = estimateTokens(this.reasoningText);
    const textTokens = estimateTokens(this.answerText);
    const outputTokens = reasoningTokens + textTokens;
    return {
      input_tokens: this.inputTokens,
      output_tokens: outputTokens,
      total_tokens: this.inputTokens + outputTokens,
      characters: 0,
      input_tokens_details: { text_tokens: this.inputTokens },
      output_tokens_details: { reasoning_tokens: reasoningTokens, text_tokens: textTokens },
    };
  }
}
