import type { LoggerService } from '@nestjs/common';

/** Keeps what the app logs at warn and above, so a test can assert that a failure was reported. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];

  log(): void {}
  debug(): void {}
  verbose(): void {}
  fatal(message: unknown, ...rest: unknown[]): void {
    this.keep('fatal', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.keep('warn', message, rest);
  }

  private keep(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(`${level} ${String(message)} ${rest.map(String).join(' ')}`);
  }
}
