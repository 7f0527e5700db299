import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './browser.js';

export const CLI = join(ROOT, 'apps/cli/dist/unlinked.mjs');

/** Bundles the CLI (esbuild, well under a second). */
export function buildCli(): void {
  execFileSync(process.execPath, [join(ROOT, 'apps/cli/build.mjs')], { stdio: 'inherit' });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI; `answer` is called when stdout shows `prompt` and its result
 * is typed on stdin (for the verification code).
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  interact?: { prompt: string; answer: () => Promise<string> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answered = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (interact && !answered && stdout.includes(interact.prompt)) {
        answered = true;
        interact.answer().then(
          (a) => child.stdin.write(`${a}\n`),
          (e) => {
            child.kill();
            reject(e);
          },
        );
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (!interact) child.stdin.end();
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
