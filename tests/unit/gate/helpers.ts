import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Consumers run the gate on Node 20: the tests do too when the system has it. */
export const SYSTEM_NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
export const CLI = path.resolve('dist/cli.js');
export const NOW = '2026-06-15T12:00:00Z';

/** A throwaway project with the given files (paths relative to its root). */
export async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-proj-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(SYSTEM_NODE, [CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, MODELGATE_NOW: NOW, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export const APP = {
  'src/app.ts': `import { fal } from "@fal-ai/client";

export async function make(prompt: string) {
  return fal.subscribe("fal-ai/flux/dev", { input: { prompt } });
}
`,
};

export const RESEARCH = {
  'src/sticker.ts': `import { fal } from "@fal-ai/client";

export const sticker = (image_url: string) =>
  fal.subscribe("fal-ai/stable-cascade", { input: { image_url } });
`,
};
