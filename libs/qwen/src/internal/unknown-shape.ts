/** Which part of the protocol was new: a whole frame, a delta's `phase`, or an error's code. */
export type QwenUnknownShapeKind = 'frame' | 'phase' | 'error';

/**
 * Something Qwen sent that the parser does not know, kept so that a person can see it: the
 * kind, a short name (the frame's keys, the phase, the error code) and the bytes, redacted and
 * cut to `maxSampleChars`.
 */
export interface QwenUnknownShape {
  kind: QwenUnknownShapeKind;
  /** At most `maxNameChars`; for display, never a metrics label (it is unbounded in kind). */
  name: string;
  sample: string;
}

/** Samples kept per stream: the first few tell the story, the rest would only fill the row. */
export const maxUnknownShapesPerStream = 5;
const maxSampleChars = 2048;
const maxNameChars = 80;

/*
 * What may identify a person or let someone act as them: JWTs and other long tokens, e-mail
 * addresses, and the query strings of signed URLs (OSS links carry their signature there).
 */
const redactions: readonly [RegExp, string][] = [
  [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g, '[jwt]'],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]'],
  [/(https?:\/\/[^\s"'?]+)\?[^\s"']*/gi, '$1?[query]'],
  [/\b[A-Za-z0-9+/_-]{40,}={0,2}/g, '[token]'],
];

/** The frame as text, redacted and bounded. */
export function unknownShapeOf(kind: QwenUnknownShapeKind, name: string, frame: unknown): QwenUnknownShape {
  let text = typeof frame === 'string' ? frame : safeStringify(frame);
  for (const [pattern, replacement] of redactions) text = text.replace(pattern, replacement);
  if (text.length > maxSampleChars) text = `${text.slice(0, maxSampleChars - 1)}…`;
  const shortName = name.length > maxNameChars ? `${name.slice(0, maxNameChars - 1)}…` : name;
  return { kind, name: shortName || '(none)', sample: text };
}

/** A frame's top-level keys, the best short name for a shape nobody has named. */
export function frameNameOf(frame: unknown): string {
  if (frame === null) return 'null';
  if (typeof frame !== 'object') return typeof frame === 'string' ? 'text' : typeof frame;
  if (Array.isArray(frame)) return 'array';
  return Object.keys(frame).slice(0, 8).sort().join(',');
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
