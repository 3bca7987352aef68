// Every language family the code pipeline reads, by id. languages.ts maps files to them.

import type { CodeLanguage } from './types.ts';
import { js, vue } from './js-ts.ts';
import { python } from './python.ts';
import { go } from './go.ts';
import { java, kotlin } from './jvm.ts';
import { swift } from './swift.ts';
import { dart } from './dart.ts';
import { php } from './php.ts';
import { ruby } from './ruby.ts';
import { rust } from './rust.ts';
import { csharp } from './csharp.ts';
import { json, toml } from './data.ts';

export type { CodeLanguage } from './types.ts';

export const CODE_LANGUAGES = [js, vue, python, go, kotlin, java, swift, dart, php, ruby, rust, csharp, json, toml] as const;

/** The id of a language the code pipeline reads. */
export type CodeLang = (typeof CODE_LANGUAGES)[number]['id'];

const BY_ID = new Map<string, CodeLanguage>(CODE_LANGUAGES.map((l) => [l.id, l]));

/** The code language of an id, or undefined for the line-based config formats. */
export function codeLanguage(id: string): CodeLanguage | undefined {
  return BY_ID.get(id);
}
