import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's start-up chatter (one line per module and route): useful when debugging, noise otherwise. */
const bootContexts = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export const logLevelsByName: Record<string, LogLevel[]> = {
  trace: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'],
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  fatal: ['fatal'],
  silent: [],
};

/** The console logger at LOG_LEVEL, keeping framework boot lines for `debug` and `trace`. */
export class AppLogger extends ConsoleLogger {
  private readonly verboseBoot: boolean;

  constructor(levelName: string) {
    const levels = logLevelsByName[levelName] ?? logLevelsByName['info']!;
    super({ logLevels: levels });
    this.verboseBoot = levels.includes('debug');
  }

  override log(message: unknown, context?: string): void;
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (!this.verboseBoot && typeof context === 'string' && bootContexts.has(context)) return;
    super.log(message, ...(rest as [string]));
  }
}
