// One file's text → its FileAnalysis, choosing the reader by file type.
// Never throws: an unexpected failure in a reader leaves the file with no findings and a
// `failure` the scan reports, rather than stopping the scan or passing silently.

import { isGeneratedEndpointMap, languageOf, type Lang } from './languages.ts';
import { codeLanguage } from './lang/index.ts';
import { indexLines, position } from './lines.ts';
import { usageOf } from './context.ts';
import { emptyAnalysis, type FileAnalysis } from './model.ts';
import type { ScanNote } from './types.ts';
import { analyzeCode } from './code/pipeline.ts';
import { analyzeConfig } from './config.ts';
import { dockerfileAsShell } from './formats/dockerfile.ts';
import { httpFileAsShell } from './formats/http.ts';
import { packageScriptsAsShell } from './formats/package-json.ts';

/** The note for a file whose analysis failed: its calls are not checked, which must be said (and fails the gate). */
export function analysisFailed(file: string, why: string): ScanNote {
  return { file, code: 'analysis-failed', message: `could not be analysed (${why}); calls in it are not checked` };
}

export function analyzeFile(relPath: string, text: string, isKnown?: (id: string) => boolean, knownLang?: Lang): FileAnalysis {
  const a = emptyAnalysis(relPath, usageOf(relPath), indexLines(text));
  const lang = knownLang ?? languageOf(relPath);
  if (lang === null || isGeneratedEndpointMap(relPath, text)) return a;
  try {
    switch (lang) {
      case 'yaml': case 'env': case 'ini': case 'shell':
        analyzeConfig(a, text, lang, isKnown);
        break;
      // Read as the shell script they mostly are, through a same-length shadow of the file.
      case 'dockerfile':
        analyzeConfig(a, dockerfileAsShell(text), 'shell', isKnown);
        break;
      case 'http':
        analyzeConfig(a, httpFileAsShell(text), 'shell', isKnown);
        break;
      // Notebooks are placed by cell after linking: scanNotebook (scan-notebook.ts) reads them.
      case 'notebook':
        break;
      default: {
        analyzeCode(a, text, codeLanguage(lang)!, isKnown);
        const scripts = relPath === 'package.json' || relPath.endsWith('/package.json') ? packageScriptsAsShell(text) : null;
        if (scripts !== null) addScripts(a, scripts, isKnown);
      }
    }
  } catch (e) {
    return { ...emptyAnalysis(relPath, a.usage, a.lines), failure: (e as Error).message };
  }
  return a;
}

/** package.json scripts read as shell, keeping only what the JSON reading did not already find on that line. */
function addScripts(a: FileAnalysis, shadow: string, isKnown?: (id: string) => boolean): void {
  const before = a.candidates.length;
  analyzeConfig(a, shadow, 'shell', isKnown);
  const lineOf = (offset: number) => position(a.lines, offset).line;
  const seen = new Set(a.candidates.slice(0, before).map((c) => `${lineOf(c.offset)} ${c.id}`));
  // Not removed (other records point at candidates by index): just not reported on their own.
  for (const c of a.candidates.slice(before)) if (seen.has(`${lineOf(c.offset)} ${c.id}`)) c.kind = null;
}
