import { BadRequestError } from '@qwen-proxy/contracts';

/**
 * The aspect ratios Qwen's t2i chat takes in the completion body's `size` (the real t2i request
 * sends `"size":"16:9"`; the web UI's picker offers these five).
 */
export const QWEN_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4'] as const;

/**
 * OpenAI's sizes (DALL·E 2 and 3, gpt-image-1) as the nearest ratio Qwen draws: Qwen picks the
 * pixels itself, so only the shape carries over. `auto` is Qwen's default, square.
 */
const openAiSizes: Readonly<Record<string, (typeof QWEN_ASPECT_RATIOS)[number]>> = {
  auto: '1:1',
  '256x256': '1:1',
  '512x512': '1:1',
  '1024x1024': '1:1',
  '1792x1024': '16:9',
  '1024x1792': '9:16',
  '1536x1024': '4:3',
  '1024x1536': '3:4',
};

/** Every `size` value accepted, for the refusal's message and the API docs. */
export const ACCEPTED_IMAGE_SIZES: readonly string[] = [...Object.keys(openAiSizes), ...QWEN_ASPECT_RATIOS];

/** The aspect ratio for an OpenAI `size` (or a Qwen ratio given as is); a 400 naming the accepted ones otherwise. */
export function aspectRatioOf(size: string | undefined): string {
  if (size === undefined) return openAiSizes['auto']!;
  const ratio = openAiSizes[size] ?? QWEN_ASPECT_RATIOS.find((candidate) => candidate === size);
  if (!ratio) {
    throw new BadRequestError(`size ${JSON.stringify(size)} cannot be drawn by Qwen. Accepted sizes: ${ACCEPTED_IMAGE_SIZES.join(', ')}.`, {
      code: 'invalid_value',
      param: 'size',
    });
  }
  return ratio;
}
