import matter from 'gray-matter';
import type { Problem } from '../problem.ts';
import { parseLocatedYaml, type LocatedYaml } from './yaml-document.ts';

export interface FrontMatterDocument {
  yaml: LocatedYaml;
  /** The Markdown body: the human notes (what legal should know). */
  body: string;
}

/**
 * Splits a Markdown file into its YAML front matter and body. gray-matter finds the fences;
 * the YAML itself is parsed by `yaml` so that errors and fields carry line numbers.
 */
export function parseFrontMatter(text: string, file: string): { ok: true; value: FrontMatterDocument } | { ok: false; problems: Problem[] } {
  if (!/^---\r?\n/.test(text)) {
    return { ok: false, problems: [{ code: 'front-matter', file, line: 1, message: 'missing YAML front matter: the file must start with a line of three dashes' }] };
  }
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(text.slice(3))) {
    return { ok: false, problems: [{ code: 'front-matter', file, line: 1, message: 'unclosed YAML front matter: no closing line of three dashes' }] };
  }
  let located: ReturnType<typeof parseLocatedYaml> | undefined;
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {
      engines: {
        yaml: (source: string) => {
          // gray-matter keeps the newline after the opening fence, so YAML lines already count the fence line.
          located = parseLocatedYaml(source, file, 0);
          return located.ok ? ((located.value.data ?? {}) as object) : {};
        },
      },
    });
  } catch (e) {
    return { ok: false, problems: [{ code: 'front-matter', file, line: 1, message: `unreadable front matter: ${(e as Error).message}` }] };
  }
  // gray-matter does not call the engine for an empty block; the schema then reports every missing field.
  located ??= parseLocatedYaml('{}', file, 0);
  if (!located.ok) return located;
  return { ok: true, value: { yaml: located.value, body: parsed.content.replace(/^\r?\n/, '') } };
}
