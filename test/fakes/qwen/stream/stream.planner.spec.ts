import type { StreamContext } from './stream-plan.builder';
import type { StreamPlan } from './stream-plan';
import { planStream } from './stream.planner';

describe(planStream.name, () => {
  const context: StreamContext = {
    chatId: 'chat',
    userMessageId: 'question',
    responseId: 'answer',
    userContent: 'Hello',
    timestamp: 1_772_726_060,
    incrementalOutput: true,
    phaseSchema: true,
  };
  const input = (overrides: Partial<StreamContext> = {}) => ({
    context: { ...context, ...overrides },
    defaultText: 'the default answer text',
    firstByteDelayMs: 0,
  });
  const deltas = (plan: StreamPlan) =>
    plan.steps.flatMap((step) => (step.kind === 'frame' && 'choices' in step.frame ? [step.frame.choices[0].delta] : []));

  it('opens every stream with response.created naming the user message and the answer', () => {
    const plan = planStream({ kind: 'answer' }, input());
    expect(plan.steps[0]).toEqual({
      kind: 'frame',
      frame: { 'response.created': { chat_id: 'chat', parent_id: 'question', response_id: 'answer', response_index: 0 } },
    });
    expect(plan.storedAnswer).toBe('the default answer text');
    expect(plan.ending).toBe('close');
  });

  it('drops the phases and the text when the request did not ask for output_schema "phase"', () => {
    const plan = planStream({ kind: 'thinking-summary', thoughts: ['hmm'], text: 'some answer text' }, input({ phaseSchema: false }));
    expect(deltas(plan).every((delta) => delta.content === '' && delta.phase === undefined)).toBe(true);
    expect(deltas(plan).at(-1)!.status).toBe('finished');
  });

  it('keeps only what was sent of a cut answer, and resets the connection', () => {
    const plan = planStream({ kind: 'cut', afterChunks: 1, text: 'one two three four' }, input());
    expect(plan.storedAnswer).toBe('one two ');
    expect(plan.ending).toBe('destroy');
    expect(deltas(plan).some((delta) => delta.status === 'finished')).toBe(false);
  });

  it('writes nothing and never ends for a hang', () => {
    expect(planStream({ kind: 'hang' }, input())).toMatchObject({ steps: [], ending: 'hold-open' });
  });

  it('lays the split-bytes stream out sloppily and adds multi-byte text to the default answer', () => {
    const plan = planStream({ kind: 'split-bytes' }, input());
    expect(plan.delivery).toEqual({ mode: 'split-bytes', seed: expect.any(Number) });
    expect(plan.storedAnswer).toBe('the default answer text héllo 世界 🎉');
    expect(plan.steps.some((step) => step.kind === 'comment')).toBe(true);
    expect(plan.steps.some((step) => step.kind === 'frame' && step.layout?.lineEnding === '\r\n')).toBe(true);
  });
});
