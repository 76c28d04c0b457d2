/** Why a file could not be taken from where the client pointed. */
export type FetchRefusalReason =
  | 'unsupported-url'
  | 'forbidden-address'
  | 'too-large'
  | 'wrong-type'
  | 'http-status'
  | 'too-many-redirects'
  | 'unreachable'
  | 'timeout'
  | 'invalid-data';

/** A refusal with a sentence for the client; the preparer turns it into a 400 naming the part. */
export class FetchRefusedError extends Error {
  constructor(
    readonly reason: FetchRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

/** `20 MB` for a byte count, in the client's terms. */
export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
