import type { StreamedAnswer } from '../scenarios/scripted-answer';
import type { JsonValue } from './python-json.serializer';
import { StreamPlanBuilder, type StreamContext } from './stream-plan.builder';
import type { StreamPlan } from './stream-plan';
import { layOutSloppily } from './sloppy-layout';
import { splitIntoDeltas } from './text-chunker';

/** What the planner needs besides the scenario. */
export interface PlanningInput {
  context: StreamContext;
  /** The default answer's text, used wherever a scenario leaves `text` out. */
  defaultText: string;
  /** The fake-wide delay before the first byte; `slow-first-byte` replaces it. */
  firstByteDelayMs: number;
}

/** Text that makes sure the split-bytes scenario has multi-byte characters to cut through. */
export const MULTI_BYTE_SAMPLE = 'héllo 世界 🎉';

const DEFAULT_SPLIT_SEED = 20_260_305;

/** Turns a scenario into the exact sequence of frames and the way the stream ends. */
export function planStream(answer: StreamedAnswer, input: PlanningInput): StreamPlan {
  const { context, firstByteDelayMs } = input;
  const text = 'text' in answer && answer.text !== undefined ? answer.text : input.defaultText;
  const builder = new StreamPlanBuilder(context).created();
  // Without output_schema "phase" the real service drops the reasoning and search phases too.
  const withPreludes = context.phaseSchema;

  switch (answer.kind) {
    case 'answer':
      return builder.answer(answer.chunks ?? splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'thinking-summary':
      if (withPreludes) {
        builder.thinkingSummary(answer.thoughts, answer.title ?? 'Thinking');
      }
      return builder.answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'thinking-detail':
      if (withPreludes) {
        builder.thinkingDetail(splitIntoDeltas(answer.reasoning));
      }
      return builder.answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'search':
      if (withPreludes) {
        builder.webSearch(context.userContent, answer.sources);
      }
      return builder.answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'keep-alive':
      for (let index = 0; index < answer.count; index += 1) {
        if (answer.intervalMs !== undefined) {
          builder.wait(answer.intervalMs);
        }
        builder.keepAlive();
      }
      return builder.answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'snapshot-answer':
      return builder.answer(splitIntoDeltas(text), { snapshots: true }).answerFinished().build({ firstByteDelayMs });
    case 'output-text-shape':
      return builder.outputText(splitIntoDeltas(text)).build({ firstByteDelayMs });
    case 'image':
      return builder.images(answer.urls).build({ firstByteDelayMs });
    case 'cut':
      return builder
        .answer(splitIntoDeltas(text).slice(0, answer.afterChunks))
        .build({ firstByteDelayMs, ending: answer.ending === 'end' ? 'close' : 'destroy' });
    case 'slow-first-byte':
      return builder.answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs: answer.delayMs });
    case 'hang':
      return { firstByteDelayMs, steps: [], delivery: { mode: 'frames' }, ending: 'hold-open', storedAnswer: '' };
    case 'split-bytes': {
      const splitText = answer.text ?? `${input.defaultText} ${MULTI_BYTE_SAMPLE}`;
      const plan = builder.answer(splitIntoDeltas(splitText)).answerFinished().build({
        firstByteDelayMs,
        splitBytesSeed: answer.seed ?? DEFAULT_SPLIT_SEED,
      });
      return { ...plan, steps: layOutSloppily(plan.steps) };
    }
    case 'dual-candidates':
      return builder
        .dualCandidates(splitIntoDeltas(text), splitIntoDeltas(answer.otherText ?? `Other candidate: ${text}`))
        .build({ firstByteDelayMs });
    case 'novel-frame':
      return builder.novelFrame(answer.frame as JsonValue).answer(splitIntoDeltas(text)).answerFinished().build({ firstByteDelayMs });
    case 'stream-error':
      return builder
        .answer(splitIntoDeltas(text).slice(0, answer.afterChunks))
        .streamError(answer.code, answer.details, answer.shape ?? 'top-level')
        .build({ firstByteDelayMs });
  }
}
