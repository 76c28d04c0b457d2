/** Where the desktop classes report; the main process writes it to stdout/stderr. */
export interface DesktopLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: DesktopLogger = {
  info: (message) => console.log(`[desktop] ${message}`),
  warn: (message) => console.warn(`[desktop] ${message}`),
  error: (message) => console.error(`[desktop] ${message}`),
};
