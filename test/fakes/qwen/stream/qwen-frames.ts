/** The phases of protocol §4 the fake produces. */
export type QwenPhase = 'answer' | 'think' | 'thinking_summary' | 'web_search' | 'image_gen';

/** Running token totals, sent on `typing` frames and missing on `finished` ones. */
export type QwenUsage = {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  characters: number;
  input_tokens_details: { text_tokens: number };
  output_tokens_details: { reasoning_tokens: number; text_tokens: number };
};

/** A source of a search phase, as `extra.web_search_info` lists it. */
export type WebSearchInfo = { title: string; url: string; hostname: string; snippet: string };

export type QwenDeltaExtra = {
  summary_title?: { content: string[] };
  summary_thought?: { content: string[] };
  web_search_info?: WebSearchInfo[];
  function_id?: string;
  display_position?: string;
  /** `image_gen` frames: `[[height, width]]` of the picture (smanx t2i capture). */
  output_image_hw?: number[][];
};

/** `choices[0].delta`. `phase` is missing when the request did not ask for `output_schema: "phase"`. */
export type QwenDelta = {
  role: 'assistant' | 'function';
  content: string;
  phase?: QwenPhase;
  status: 'typing' | 'finished' | 'error';
  name?: string;
  function_call?: { name: string; arguments: string };
  function_id?: string;
  extra?: QwenDeltaExtra;
};

export type ResponseCreatedFrame = {
  /** A number in the fake's usual frames; the 2026 dual-candidate captures send a string ("0", "1"). */
  'response.created': { chat_id: string; parent_id: string; response_id: string; response_index: number | string };
};

export type KeepAliveFrame = {
  'response.info': { action: 'keep_alive'; chat_id: string; response_id: string; timestamp: number };
};

export type DeltaFrame = {
  choices: [{ delta: QwenDelta }];
  response_id: string;
  usage?: QwenUsage;
  timestamp: number;
};

export type StreamErrorFrame =
  | { error: { code: string; details: string } }
  | { data: { error: { code: string; details: string } } }
  | { success: false; request_id: string; data: { code: string; details: string } }
  | { error: { code: string; details: string }; response_id: string; response_index: number }
  | { code: string; detail: string };

export type OutputTextDeltaFrame = { 'response.output_text.delta': { delta: string } };

export type ResponseCompletedFrame = {
  'response.completed': { chat_id: string; response_id: string; usage: QwenUsage };
};

/** Every `data:` payload the fake writes. */
export type QwenFrame =
  | ResponseCreatedFrame
  | KeepAliveFrame
  | DeltaFrame
  | StreamErrorFrame
  | OutputTextDeltaFrame
  | ResponseCompletedFrame;
