import { z } from 'zod';

// Required but nullable: the web UI always sends the parent, as null on a chat's first turn.
const parentIdSchema = z.string().nullable();

/** `messages[0].feature_config`; unknown flags are kept, since the web UI adds new ones often. */
export const featureConfigSchema = z.looseObject({
  thinking_enabled: z.boolean().optional(),
  output_schema: z.string().optional(),
  thinking_format: z.string().optional(),
  thinking_budget: z.number().int().optional(),
  thinking_mode: z.string().optional(),
  auto_search: z.boolean().optional(),
});

/** The one user message of a completion. */
export const completionMessageSchema = z.looseObject({
  fid: z.string().optional(),
  parentId: parentIdSchema,
  parent_id: parentIdSchema,
  childrenIds: z.array(z.string()).optional(),
  role: z.string(),
  content: z.string(),
  user_action: z.string().optional(),
  files: z.array(z.unknown()).optional(),
  timestamp: z.number(),
  models: z.array(z.string()).optional(),
  chat_type: z.string(),
  sub_chat_type: z.string().optional(),
  extra: z.unknown().optional(),
  feature_config: featureConfigSchema.optional(),
});

/** The body of `POST /api/v2/chat/completions` (protocol §3), before the rules that span fields. */
export const completionBodySchema = z.looseObject({
  stream: z.boolean().optional(),
  version: z.string().optional(),
  incremental_output: z.boolean().optional(),
  chat_id: z.string().optional(),
  chat_mode: z.string().optional(),
  model: z.string(),
  parent_id: parentIdSchema,
  messages: z.array(z.unknown()),
  timestamp: z.number(),
  size: z.string().optional(),
});

export type CompletionBody = z.infer<typeof completionBodySchema>;
export type CompletionMessage = z.infer<typeof completionMessageSchema>;
