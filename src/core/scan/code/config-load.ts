// A right-hand side that loads a YAML/JSON/TOML file by a literal path: the variable is bound
// to that file's values (link.ts `configValues`), at the keys applied after the load.

import type { Source } from './source.ts';

const CONFIG_FILE = /^[\w./-]*\.(?:ya?ml|json|toml)$/;
const LOADER = /\b(?:safe_load|load|loads|parse|load_yaml|load_json|readFileSync|read_text|open|YAML\.load_file|load_file|ReadFile|Unmarshal|parse_file)\b/;

/**
 * The file the right-hand side [start, end) loads: `yaml.safe_load(open("config/models.yaml"))`,
 * `JSON.parse(readFileSync("./models.json"))`, `yaml.safe_load(f)` after `with open("…") as f`,
 * with any keys applied after the load (`…)["fal"]["models"]`).
 */
export function configLoad(src: Source, start: number, end: number): { file: string; keys: string[] } | null {
  const rhsCode = src.code.slice(start, end);
  if (rhsCode.length > 600 || !LOADER.test(rhsCode)) return null;
  const rhsText = src.text.slice(start, end);
  // Keys applied to the loaded value: `…)["fal"]["models"]`.
  const keys: string[] = [];
  let close = rhsCode.trimEnd().length;
  while (close > 0 && rhsCode[close - 1] === ']') {
    const open = rhsCode.lastIndexOf('[', close - 1);
    if (open < 0) break;
    const m = /^\s*["']([^"']*)["']\s*$/.exec(rhsText.slice(open + 1, close - 1));
    keys.unshift(m ? m[1]! : '*');
    close = open;
  }
  if (close <= 0 || rhsCode[close - 1] !== ')') return null;
  const quoted = /["'`]([\w./-]+\.(?:ya?ml|json|toml))["'`]/.exec(rhsText.slice(0, close));
  if (quoted && CONFIG_FILE.test(quoted[1]!)) return { file: quoted[1]!, keys };
  // `with open("config/models.yaml") as f:` … `yaml.safe_load(f)`.
  const arg = /\(\s*([A-Za-z_]\w*)\s*\)\s*$/.exec(rhsCode.slice(0, close));
  if (!arg) return null;
  const opened = new RegExp(`open\\(\\s*["']([\\w./-]+\\.(?:ya?ml|json|toml))["'][^)\\n]{0,80}\\)\\s+as\\s+${arg[1]}\\b`).exec(src.text);
  return opened ? { file: opened[1]!, keys } : null;
}
