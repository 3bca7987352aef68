// package.json `scripts` are shell commands (`curl https://fal.run/…`, `node gen.js --model
// fal-ai/…`): besides the JSON reading every file gets, their values are read as shell, at their
// own positions. Everything else in the shadow is blank, so offsets are the file's.

/** The file with every character outside the `scripts` values blanked (newlines kept), or null without scripts. */
export function packageScriptsAsShell(text: string): string | null {
  const key = /"scripts"\s*:\s*\{/.exec(text);
  if (!key) return null;
  const out = text.replace(/[^\n]/g, ' ').split('');
  let i = key.index + key[0].length;
  let depth = 1;
  let isValue = false;
  while (i < text.length && depth > 0) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (isValue) for (let k = i + 1; k < j; k++) out[k] = text[k]!;
      isValue = false;
      i = j + 1;
      continue;
    }
    if (c === ':') isValue = true;
    else if (c === ',') isValue = false;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  return out.join('');
}
