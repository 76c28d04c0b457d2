import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';
import { requestLogContext } from './request-context';

/** Nest's start-up chatter (one line per module and route): kept for `debug` and `trace` only. */
const bootContexts = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * Structured JSON logs (pino), one object per line, with the request id on every line logged
 * while a request is being served. Nest's `log` level is pino's `info`.
 */
export class AppLogger implements LoggerService {
  private readonly logger: PinoLogger;

  constructor(level: string, destination?: pino.DestinationStream) {
    this.logger = pino(
      {
        level,
        base: undefined,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const context = requestLogContext.getStore();
          return context ? { requestId: context.requestId } : {};
        },
      },
      destination ?? pino.destination({ sync: false }),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    if (context && bootContexts.has(context) && !this.logger.isLevelEnabled('debug')) return;
    this.write('info', message, context);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context) for errors.
    const context = contextOf(rest);
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    this.logger.error({ context, ...(stack ? { stack } : {}) }, stringOf(message));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, contextOf(rest));
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, contextOf(rest));
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, contextOf(rest));
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, contextOf(rest));
  }

  /** Writes what is buffered (asynchronous destination) before the process exits. */
  flush(): void {
    this.logger.flush();
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context: string | undefined): void {
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context }, stringOf(message));
    }
  }
}

function contextOf(rest: unknown[]): string | undefined {
  const last = rest.at(-1);
  return typeof last === 'string' ? last : undefined;
}

function stringOf(message: unknown): string {
  if (message instanceof Error) return message.stack ?? message.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
