/*
 * The JSON bodies the web UI sends (protocol §3), built by pure functions: the clock and the id
 * generator are parameters so that specs can compare whole bodies.
 */

/** `t2t` text, `search` web search, `t2i` image generation, `t2v`, `image_edit`, … */
export type QwenChatType = string;
/** `normal` (a logged-in account), `guest` (no token) or `local` (ephemeral). */
export type QwenChatMode = string;

export interface CreateChatBodyParameters {
  model: string;
  chatType?: QwenChatType;
  chatMode?: QwenChatMode;
  title?: string;
  now: Date;
}

export interface CreateChatBody {
  /** Only when one is given: the web UI (FE 0.2.81+) sends none and Qwen titles the chat itself. */
  title?: string;
  /** Empty, as the web UI sends it for a new chat (FE 0.2.81, audit C3). */
  chatId: '';
  models: string[];
  chat_mode: QwenChatMode;
  chat_type: QwenChatType;
  /** Milliseconds, unlike the completion body. */
  timestamp: number;
  project_id: string;
}

/** The body of `POST /api/v2/chats/new`. `chatType` must match the messages to come. */
export function buildCreateChatBody(parameters: CreateChatBodyParameters): CreateChatBody {
  return {
    ...(parameters.title ? { title: parameters.title } : {}),
    chatId: '',
    models: [parameters.model],
    chat_mode: parameters.chatMode ?? 'normal',
    chat_type: parameters.chatType ?? 't2t',
    timestamp: parameters.now.getTime(),
    project_id: '',
  };
}

export interface QwenThinkingSettings {
  enabled: boolean;
  /** Tokens the model may spend thinking. */
  budget?: number;
  /** `Auto`, `Thinking` or `Fast`. */
  mode?: string;
}

/** An uploaded file as the web UI attaches it (see protocol §3); passed through unchanged. */
export type QwenFileAttachment = Record<string, unknown>;

export interface CompletionBodyParameters {
  chatId: string;
  model: string;
  /** The previous answer's `response_id`; null on the first turn of a chat. */
  parentId: string | null;
  /** The one new user message: the server keeps the chat's history. */
  content: string;
  chatType?: QwenChatType;
  chatMode?: QwenChatMode;
  thinking?: QwenThinkingSettings;
  autoSearch?: boolean;
  files?: QwenFileAttachment[];
  /** Image generation only: the aspect ratio, e.g. `"16:9"`. */
  size?: string;
  /** The body's `version` field (`QwenClientOptions.completionVersion`). */
  version: string;
  now: Date;
  newId: () => string;
}

export interface CompletionFeatureConfig {
  thinking_enabled: boolean;
  thinking_budget?: number;
  thinking_mode?: string;
  output_schema: 'phase';
  thinking_format: 'summary';
  auto_search: boolean;
}

export interface CompletionMessage {
  fid: string;
  parentId: string | null;
  parent_id: string | null;
  childrenIds: string[];
  role: 'user';
  content: string;
  user_action: 'chat';
  files: QwenFileAttachment[];
  timestamp: number;
  models: string[];
  chat_type: QwenChatType;
  sub_chat_type: QwenChatType;
  extra: { meta: { subChatType: QwenChatType } };
  feature_config: CompletionFeatureConfig;
}

export interface CompletionBody {
  stream: true;
  version: string;
  incremental_output: true;
  chat_id: string;
  chat_mode: QwenChatMode;
  model: string;
  parent_id: string | null;
  messages: [CompletionMessage];
  size?: string;
  /** Seconds, unlike the create-chat body. */
  timestamp: number;
}

/**
 * The body of `POST /api/v2/chat/completions`. Fixed choices, each required by the upstream:
 * `stream:true` (false now answers Bad_Request), `output_schema:"phase"` (without it answers come
 * back empty), exactly one user message, and the parent id at the top level and in both casings
 * inside the message.
 */
export function buildCompletionBody(parameters: CompletionBodyParameters): CompletionBody {
  const chatType = parameters.chatType ?? 't2t';
  const seconds = Math.floor(parameters.now.getTime() / 1000);
  const { thinking } = parameters;

  const featureConfig: CompletionFeatureConfig = {
    thinking_enabled: thinking?.enabled ?? false,
    ...(thinking?.budget === undefined ? {} : { thinking_budget: thinking.budget }),
    ...(thinking?.mode === undefined ? {} : { thinking_mode: thinking.mode }),
    output_schema: 'phase',
    thinking_format: 'summary',
    auto_search: parameters.autoSearch ?? false,
  };

  const message: CompletionMessage = {
    fid: parameters.newId(),
    parentId: parameters.parentId,
    parent_id: parameters.parentId,
    childrenIds: [parameters.newId()],
    role: 'user',
    content: parameters.content,
    user_action: 'chat',
    files: parameters.files ?? [],
    timestamp: seconds,
    models: [parameters.model],
    chat_type: chatType,
    sub_chat_type: chatType,
    extra: { meta: { subChatType: chatType } },
    feature_config: featureConfig,
  };

  return {
    stream: true,
    version: parameters.version,
    incremental_output: true,
    chat_id: parameters.chatId,
    chat_mode: parameters.chatMode ?? 'normal',
    model: parameters.model,
    parent_id: parameters.parentId,
    messages: [message],
    ...(parameters.size === undefined ? {} : { size: parameters.size }),
    timestamp: seconds,
  };
}
