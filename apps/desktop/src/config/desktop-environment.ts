import { join } from 'node:path';

/** The API's data folder: the app's user-data folder, unless DATA_DIR says otherwise (development, the smoke test). */
export function desktopDataDirectory(environment: Record<string, string | undefined>, userDataPath: string): string {
  return environment.DATA_DIR?.trim() || join(userDataPath, 'data');
}

/**
 * The environment the API's `loadConfig` reads in the desktop app. Explicit variables win,
 * like with `npm start`; the desktop only fills in where its data lives and its protected key.
 */
export function desktopEnvironment(
  environment: Record<string, string | undefined>,
  dataDirectory: string,
  secretKey: string | undefined,
): Record<string, string | undefined> {
  return {
    ...environment,
    DATA_DIR: dataDirectory,
    ...(secretKey !== undefined && !environment.SECRET_KEY?.trim() ? { SECRET_KEY: secretKey } : {}),
  };
}
