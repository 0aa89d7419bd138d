import { execFile } from 'node:child_process';

export type ExecResult = { stdout: string; stderr: string };

/** Runs a program without a shell (no quoting issues with paths) and collects its output. */
export const run = async (
  file: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {}
): Promise<ExecResult> =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 32 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || stdout.trim();
          reject(
            new Error(
              `${file} ${args.join(' ')} failed: ${error.message}${detail ? `\n${detail}` : ''}`
            )
          );
          return;
        }
        resolve({ stdout, stderr });
      }
    );
  });
