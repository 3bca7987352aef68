// One file's text → its FileAnalysis, choosing the reader by file type.
// Never throws: an unexpected failure in a reader leaves the file with no findings and a
// `failure` the scan reports, rather than stopping the scan or passing silently.

import { isConfigLang, isGeneratedEndpointMap, languageOf, type Lang } from './languages.ts';
import { codeLanguage } from './lang/index.ts';
import { indexLines } from './lines.ts';
import { usageOf } from './context.ts';
import { emptyAnalysis, type FileAnalysis } from './model.ts';
import { analyzeCode } from './code/pipeline.ts';
import { analyzeConfig } from './config.ts';

export function analyzeFile(relPath: string, text: string, isKnown?: (id: string) => boolean, knownLang?: Lang): FileAnalysis {
  const a = emptyAnalysis(relPath, usageOf(relPath), indexLines(text));
  const lang = knownLang ?? languageOf(relPath);
  if (lang === null || isGeneratedEndpointMap(relPath, text)) return a;
  try {
    if (isConfigLang(lang)) analyzeConfig(a, text, lang, isKnown);
    else analyzeCode(a, text, codeLanguage(lang)!, isKnown);
  } catch (e) {
    return { ...emptyAnalysis(relPath, a.usage, a.lines), failure: (e as Error).message };
  }
  return a;
}
