// The one interface a language family implements for the code pipeline (code/pipeline.ts).
// Everything the pipeline does differently from one language to another is a member here;
// every other rule applies to all languages alike. Adding a language is adding a file that
// exports a `defineLanguage(…)` object, listing it in ./index.ts, and adding its fixtures.

import type { LexSpec } from '../literals.ts';

export interface CodeLanguage {
  /** The language id files are tagged with (`Lang`): `python`, `kotlin`, … */
  readonly id: string;
  /** File extensions read as this language: lower case, without the dot. */
  readonly extensions: readonly string[];
  /** Lexer settings: comments, quotes, interpolation. */
  readonly lex: LexSpec;
  /** The `via` tag of a call through a fal SDK in this language (`py-sdk`). */
  readonly sdkVia: string;
  /** Callees without a receiver that are fal calls (fal-rs `#[endpoint(…)]`); the prefilter looks for them too. */
  readonly bareCallees?: readonly string[];
  /** Methods of a fal receiver that take the id (a PHP facade's `FalAi::model(…)`). */
  readonly modelMethods?: readonly string[];
  /** A data format (JSON, TOML): every id literal is a config value, known by its key. */
  readonly data?: DataFormat;
  /** Offset ranges [start, end) that hold only types (TypeScript aliases and interfaces), sorted and disjoint. */
  readonly typeOnlyRanges?: (code: string) => Array<[number, number]>;
  /** Positions this language spells that make an id literal no use (type arguments, quoted keys). */
  readonly excludes?: (at: LiteralPosition) => boolean;
  /** Leading parameters a caller does not pass (Python's `self`/`cls`). */
  readonly implicitParams?: readonly string[];
  /** `.` joins strings (PHP: `'https://fal.run/' . $model`). */
  readonly dotJoinsStrings?: boolean;
  /** UI code: the tables a file iterates are a picker's choices. */
  readonly pickers?: boolean;
  /** Component markup (JSX/TSX, Vue/Svelte templates): `<Generator model="fal-ai/…" />` passes a prop. */
  readonly jsx?: boolean;
  /** Code loads YAML/JSON/TOML files by a literal path (`yaml.safe_load(open("models.yaml"))`). */
  readonly configLoads?: boolean;
  /** Config arrays key their values at the line start (`'banner_model' => env(…)`, `imageModel: …`). */
  readonly lineKeys?: boolean;
}

export interface DataFormat {
  /** The `via` of its values (`json`, `toml`). */
  readonly via: string;
  /** A value's key where the object-entry rule finds none (TOML `key = "…"`). */
  readonly keyAt?: (code: string, quote: number) => string | null;
}

/** Where an id-shaped literal stands, for a language's own exclusions. */
export interface LiteralPosition {
  /** The masked code (comments and string contents blanked). */
  readonly code: string;
  /** Offset of the literal's opening quote. */
  readonly quote: number;
  /** The literal's line up to its quote (at most 200 characters). */
  readonly head: string;
  /** The last significant character before the quote, at offset `p` (-1 at the start of the file). */
  readonly prev: string;
  readonly p: number;
  /** The first significant character after the closing quote, at offset `q`. */
  readonly next: string;
  readonly q: number;
}

/** A language object with its id kept as a literal type, so the registry can name every `Lang`. */
export function defineLanguage<const Id extends string>(language: CodeLanguage & { readonly id: Id }): CodeLanguage & { readonly id: Id } {
  return language;
}

/** The lexer settings most languages start from: slash comments (line and block), `'x'` a character. */
export const C_LIKE: LexSpec = {
  slashComments: true, hashComments: false, htmlComments: false, backtick: 'none', tripleQuotes: false,
  singleQuoteIsChar: true, interpolation: 'none', regexLiterals: false,
};
