import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/content/write.ts';

/**
 * Writes a rendered report to a file (atomically: never half a report) or to standard output.
 * A large report may come in pieces, written as they come instead of joined in memory.
 */
export async function emit(text: string | Iterable<string>, output: string | undefined): Promise<void> {
  if (output !== undefined && output !== '-') await writeFileAtomic(output, text);
  else if (typeof text === 'string') process.stdout.write(text);
  else {
    for (const piece of text) {
      if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

export async function appendSummary(file: string, text: string): Promise<void> {
  await appendFile(file, text, 'utf8');
}

export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * Wraps text for a GitHub Actions log between `::stop-commands::<token>` and `::<token>::`, so
 * no line in it (a file name with a newline, a quoted line of code) is run as a workflow command.
 * The token is random: the text cannot end the pause itself.
 */
export function withoutWorkflowCommands(text: string): string {
  if (text === '') return text;
  const token = `modelgate-${randomBytes(16).toString('hex')}`;
  return `::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`;
}
