import { randomUUID } from 'node:crypto';
import type { SearchSource, StreamErrorShape } from '../scenarios/scripted-answer';
import type { DeltaFrame, QwenDelta, QwenFrame, QwenPhase, StreamErrorFrame } from './qwen-frames';
import type { StreamEnding, StreamPlan, StreamStep } from './stream-plan';
import type { JsonValue } from './python-json.serializer';
import { UsageMeter } from './usage-meter';

/** What every frame of one completion refers to. */
export interface StreamContext {
  chatId: string;
  /** The server id of the user message, sent as `parent_id` in `response.created`. */
  userMessageId: string;
  /** The id of the answer: the next turn's `parent_id`. */
  responseId: string;
  userContent: string;
  /** Seconds; stamped on frames. */
  timestamp: number;
  /** `incremental_output: true`; otherwise text frames carry whole-text snapshots. */
  incrementalOutput: boolean;
  /** `output_schema: "phase"`; otherwise frames carry no phase and answers come out empty. */
  phaseSchema: boolean;
}

/** Options of the finished plan. */
export interface PlanEnd {
  ending?: StreamEnding;
  firstByteDelayMs?: number;
  splitBytesSeed?: number;
}

/**
 * Writes the frames of protocol §4 in order, keeping the running usage and what the answer says,
 * so that each scenario only states its sequence.
 */
export class StreamPlanBuilder {
  private readonly steps: StreamStep[] = [];
  private readonly usage: UsageMeter;
  private answerSoFar = '';
  private reasoningSoFar = '';

  constructor(private readonly context: StreamContext) {
    this.usage = new UsageMeter(context.userContent);
  }

  created(): this {
    const { chatId, userMessageId, responseId } = this.context;
    return this.frame({
      'response.created': { chat_id: chatId, parent_id: userMessageId, response_id: responseId, response_index: 0 },
    });
  }

  keepAlive(): this {
    const { chatId, responseId, timestamp } = this.context;
    return this.frame({ 'response.info': { action: 'keep_alive', chat_id: chatId, response_id: responseId, timestamp } });
  }

  /**
   * The summary format: `content` stays empty and `extra.summary_thought.content` is re-sent whole
   * each time, growing both ways the evidence shows: the last thought gets longer, then a new one is added.
   */
  thinkingSummary(thoughts: string[], title: string): this {
    const completed: string[] = [];
    for (const thought of thoughts) {
      let counted = 0;
      for (const version of growingVersions(thought)) {
        this.usage.addReasoning(version.slice(counted));
        counted = version.length;
        const extra = { summary_title: { content: [title] }, summary_thought: { content: [...completed, version] } };
        this.delta({ role: 'assistant', content: '', phase: 'thinking_summary', status: 'typing', extra }, true);
      }
      completed.push(thought);
    }
    return this.finished('thinking_summary');
  }

  /** The detail format: reasoning as ordinary deltas in phase `think`. */
  thinkingDetail(deltas: string[]): this {
    for (const reasoning of deltas) {
      this.reasoningSoFar += reasoning;
      this.usage.addReasoning(reasoning);
      const content = this.context.incrementalOutput ? reasoning : this.reasoningSoFar;
      this.delta({ role: 'assistant', content, phase: 'think', status: 'typing' }, true);
    }
    return this.finished('think');
  }

  /** A server-side `web_search` tool call, then its result with the sources. */
  webSearch(query: string, sources: SearchSource[]): this {
    const functionId = 'round_0_1';
    this.delta(
      {
        role: 'assistant',
        content: '',
        phase: 'web_search',
        status: 'typing',
        function_call: { name: 'web_search', arguments: JSON.stringify({ queries: [query] }) },
        function_id: functionId,
        extra: { display_position: 'answer' },
      },
      true,
    );
    const webSearchInfo = sources.map((source) => ({ ...source, hostname: hostnameOf(source.url) }));
    return this.delta(
      {
        role: 'function',
        content: '',
        phase: 'web_search',
        status: 'finished',
        name: 'web_search',
        extra: { web_search_info: webSearchInfo, function_id: functionId },
      },
      false,
    );
  }

  /** Answer `typing` frames: deltas, or snapshots when asked or when the request wanted no increments. */
  answer(deltas: string[], options: { snapshots?: boolean } = {}): this {
    const snapshots = options.snapshots === true || !this.context.incrementalOutput;
    for (const text of deltas) {
      this.answerSoFar += text;
      this.usage.addAnswer(text);
      if (!this.context.phaseSchema) {
        // What the real service does without output_schema "phase": frames with no phase and no text.
        this.delta({ role: 'assistant', content: '', status: 'typing' }, true);
        continue;
      }
      this.delta({ role: 'assistant', content: snapshots ? this.answerSoFar : text, phase: 'answer', status: 'typing' }, true);
    }
    return this;
  }

  /** The end of the answer: `finished` in phase `answer`, without usage. */
  answerFinished(): this {
    return this.context.phaseSchema ? this.finished('answer') : this.delta({ role: 'assistant', content: '', status: 'finished' }, false);
  }

  /** Phase `image_gen`: one whole URL per `typing` frame, then `finished`. */
  images(urls: string[]): this {
    for (const url of urls) {
      this.usage.addAnswer(url);
      // As the real frames (smanx t2i capture): the picture's height and width ride along.
      this.delta({ role: 'assistant', content: url, phase: 'image_gen', status: 'typing', extra: { output_image_hw: [[1024, 1024]] } }, true);
    }
    return this.finished('image_gen');
  }

  /** The alternative shape of protocol §4.6. */
  outputText(deltas: string[]): this {
    for (const delta of deltas) {
      this.answerSoFar += delta;
      this.usage.addAnswer(delta);
      this.frame({ 'response.output_text.delta': { delta } });
    }
    const { chatId, responseId } = this.context;
    return this.frame({ 'response.completed': { chat_id: chatId, response_id: responseId, usage: this.usage.current() } });
  }

  streamError(code: string, details: string, shape: StreamErrorShape): this {
    if (shape === 'delta-status') return this.delta({ role: 'assistant', content: details, phase: 'answer', status: 'error' }, false);
    return this.frame(errorFrame(code, details, shape, this.context.responseId));
  }

  /**
   * Two candidates (Rfym21/Qwen2API#149): a second `response.created` (index "1"), then both
   * answers' deltas interleaved, candidate 1 first and finishing first. Candidate 0 is this
   * context's answer, the one the chat keeps; usage counts it alone.
   */
  dualCandidates(primary: string[], other: string[]): this {
    const otherId = randomUUID();
    const { chatId, userMessageId, timestamp } = this.context;
    const created = this.steps.find((step) => step.kind === 'frame' && 'response.created' in step.frame);
    if (created?.kind === 'frame' && 'response.created' in created.frame) created.frame['response.created'].response_index = '0';
    this.frame({ 'response.created': { chat_id: chatId, parent_id: userMessageId, response_id: otherId, response_index: '1' } });
    const otherDelta = (content: string, status: 'typing' | 'finished') =>
      this.frame({ choices: [{ delta: { role: 'assistant', content, phase: 'answer', status } }], response_id: otherId, timestamp });
    const rounds = Math.max(primary.length, other.length);
    for (let index = 0; index < rounds; index += 1) {
      if (index < other.length) otherDelta(other[index]!, 'typing');
      if (index === other.length) otherDelta('', 'finished');
      if (index < primary.length) this.answer([primary[index]!]);
    }
    if (other.length >= rounds) otherDelta('', 'finished');
    return this.answerFinished();
  }

  /** Any JSON, as a frame the client has never seen. */
  novelFrame(payload: JsonValue): this {
    this.steps.push({ kind: 'novel-frame', payload });
    return this;
  }

  wait(milliseconds: number): this {
    this.steps.push({ kind: 'wait', milliseconds });
    return this;
  }

  build(end: PlanEnd = {}): StreamPlan {
    return {
      firstByteDelayMs: end.firstByteDelayMs ?? 0,
      steps: this.steps,
      delivery: end.splitBytesSeed === undefined ? { mode: 'frames' } : { mode: 'split-bytes', seed: end.splitBytesSeed },
      ending: end.ending ?? 'close',
      storedAnswer: this.answerSoFar,
    };
  }

  private finished(phase: QwenPhase): this {
    return this.delta({ role: 'assistant', content: '', phase, status: 'finished' }, false);
  }

  private delta(delta: QwenDelta, withUsage: boolean): this {
    const frame: DeltaFrame = {
      choices: [{ delta }],
      response_id: this.context.responseId,
      usage: withUsage ? this.usage.current() : undefined,
      timestamp: this.context.timestamp,
    };
    return this.frame(frame);
  }

  private frame(frame: QwenFrame): this {
    this.steps.push({ kind: 'frame', frame });
    return this;
  }
}

function errorFrame(code: string, details: string, shape: Exclude<StreamErrorShape, 'delta-status'>, responseId: string): StreamErrorFrame {
  switch (shape) {
    case 'bare':
      return { code, detail: details };
    case 'candidate':
      return { error: { code, details }, response_id: responseId, response_index: 0 };
    case 'top-level':
      return { error: { code, details } };
    case 'under-data':
      return { data: { error: { code, details } } };
    case 'envelope':
      return { success: false, request_id: randomUUID(), data: { code, details } };
  }
}

/** A thought as it grows on the wire: its first half, then all of it. */
function growingVersions(thought: string): string[] {
  const half = thought.slice(0, Math.ceil(thought.length / 2));
  return half === thought ? [thought] : [half, thought];
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
