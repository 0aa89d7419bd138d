import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The names Chromium and Chrome are installed under by Debian, Ubuntu, Google's packages and Homebrew links. */
const browserNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * A Chromium to drive with Playwright: the path in CHROMIUM_PATH (or CHROME_PATH, or Playwright's
 * own PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), else the first of the usual names found on PATH.
 * Undefined when there is none.
 */
export const findChromium = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  for (const variable of ['CHROMIUM_PATH', 'CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = env[variable];
    if (value) {
      return executable(value) ? value : undefined;
    }
  }
  const directories = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of browserNames) {
    for (const directory of directories) {
      const candidate = path.join(directory, name);
      if (executable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
};
