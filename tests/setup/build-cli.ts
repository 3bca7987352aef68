import { execFileSync } from 'node:child_process';

/**
 * The CLI tests run the real bundle (dist/cli.js) with the system Node, as consumers do; build
 * it (and the catalog it ships with) once before the suite so `vitest run` works on its own.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/compile-catalog.ts'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-cli.ts'], { stdio: 'inherit' });
}
