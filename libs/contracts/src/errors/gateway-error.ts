/**
 * What an upstream failure means for the credential that met it. The account pool acts on it;
 * nothing reads error messages to decide. `cooldown` (rest it until `retryAfterSeconds`),
 * `invalid` (its login is gone), `needs-verification` (a human check), or `rotate` (nothing about
 * the account: it could not serve this request now, so another account should; its state stays).
 */
export type CredentialEffect =
  | 'cooldown'
  | 'invalid'
  | 'needs-verification'
  /**
   * Qwen refused this account's request (`Bad_Request`, typically a cookie jar without its
   * anti-bot cookies): another account may well succeed, and repeated refusals mark the account.
   */
  | 'rejected'
  /** Nothing about the account: it could not serve this request now, so another account should; its state stays. */
  | 'rotate';

export interface GatewayErrorOptions {
  /** Stable machine-readable code, e.g. `qwen_daily_limit`. Goes out as the wire `code`. */
  code: string;
  /** Would the same request succeed later, or elsewhere (another account or provider)? */
  retryable?: boolean;
  /** Seconds to wait before retrying, when the upstream said (sent as `retry-after`). */
  retryAfterSeconds?: number;
  /** The request field at fault, for validation errors. */
  param?: string;
  credentialEffect?: CredentialEffect;
  /** Extra facts a client or the console can act on (e.g. the captcha URL). Never secrets. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error hierarchy of the gateway: one subclass per HTTP status. Errors are classified
 * where they arise (upstream client, validation) and mapped to a wire shape once, by the
 * exception filter of each surface.
 */
export abstract class GatewayError extends Error {
  abstract readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly param?: string;
  readonly credentialEffect?: CredentialEffect;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: GatewayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.param = options.param;
    this.credentialEffect = options.credentialEffect;
    this.details = options.details;
  }
}

export class BadRequestError extends GatewayError {
  readonly status = 400;
}
export class AuthenticationError extends GatewayError {
  readonly status = 401;
}
export class PermissionDeniedError extends GatewayError {
  readonly status = 403;
}
export class NotFoundError extends GatewayError {
  readonly status = 404;
}
export class ConflictError extends GatewayError {
  readonly status = 409;
}
export class PayloadTooLargeError extends GatewayError {
  readonly status = 413;
}
export class UnprocessableEntityError extends GatewayError {
  readonly status = 422;
}
export class RateLimitError extends GatewayError {
  readonly status = 429;
}
export class InternalError extends GatewayError {
  readonly status = 500;
}
/** The upstream answered, but not with something usable. */
export class BadGatewayError extends GatewayError {
  readonly status = 502;
}
export class ServiceUnavailableError extends GatewayError {
  readonly status = 503;
}
export class GatewayTimeoutError extends GatewayError {
  readonly status = 504;
}

const classesByStatus: Record<number, new (message: string, options: GatewayErrorOptions) => GatewayError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
};

/** The one factory: an error of the class for `status` (unknown 4xx → 400, unknown 5xx → 502). */
export function gatewayErrorFor(status: number, message: string, options: GatewayErrorOptions): GatewayError {
  const errorClass =
    classesByStatus[status] ?? (status >= 400 && status < 500 ? BadRequestError : BadGatewayError);
  return new errorClass(message, options);
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Anything thrown, as a GatewayError; unknown failures become a non-retryable 500. */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new InternalError(`Internal error: ${message}`, { code: 'internal_error', cause: value });
}
