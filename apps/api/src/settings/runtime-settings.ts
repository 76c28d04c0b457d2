import { z } from 'zod';

/**
 * Settings changed at run time from the console (stored in the `settings` table). Start-up
 * configuration stays in the environment; these are the knobs a user turns while it runs.
 */
export const runtimeSettingsSchema = z.object({
  routingStrategy: z.enum(['priority', 'round-robin', 'weighted', 'least-busy']).default('priority'),
  /** Consecutive failures after which a provider cools down. */
  providerFailureThreshold: z.number().int().min(1).max(100).default(3),
  providerCooldownSeconds: z.number().int().min(1).max(86_400).default(30),
  providerMaxCooldownSeconds: z.number().int().min(1).max(86_400).default(600),
  /** Requests one Qwen account serves at once; more parallel streams invite bans. */
  accountConcurrency: z.number().int().min(1).max(64).default(3),
  /** Delete the Qwen chats the proxy created once their conversation expires. */
  deleteExpiredChats: z.boolean().default(true),
  /** Keep request and answer bodies in the request log (secrets redacted); unset: LOG_BODIES. */
  logBodies: z.boolean().optional(),
  /** Days request rows are kept. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Days bodies are kept (rows stay, bodies are cleared). */
  bodyRetentionDays: z.number().int().min(1).max(3650).default(7),
  /**
   * Whether `/v1/*` needs a valid API key on loopback. Unset: required once a key exists (the
   * first key created sets it to true, so removing keys never reopens `/v1` by accident); false
   * is the explicit return to open mode (any non-empty key). Off loopback keys are always needed.
   */
  requireApiKeys: z.boolean().optional(),
  /** Public model name → model to route to (e.g. `gpt-4o` → `qwen3-max`). */
  modelAliases: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).default({}),
});

export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema>;

/**
 * The same shape with every key optional and no defaults, for PATCH updates. zod 4's
 * `.partial()` keeps each field's `.default()`, so a partial parse of `{bodyRetentionDays: 5}`
 * would come back with every other setting at its default and overwrite what the user saved:
 * the defaults are unwrapped here so a PATCH holds exactly the keys it names.
 */
export const runtimeSettingsUpdateSchema = z
  .object(
    Object.fromEntries(
      Object.entries(runtimeSettingsSchema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
    ) as unknown as { [Key in keyof typeof runtimeSettingsSchema.shape]: z.ZodOptional<z.ZodType<RuntimeSettings[Key]>> },
  )
  .strict();

export type RuntimeSettingsUpdate = Partial<RuntimeSettings>;
