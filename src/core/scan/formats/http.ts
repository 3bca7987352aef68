// `.http` / `.rest` request files (VS Code REST Client, JetBrains HTTP client) as shell: a
// request line `POST https://queue.fal.run/fal-ai/…` is a call, `@model = fal-ai/…` defines a
// variable that `{{model}}` reads, and headers and bodies are read like command arguments
// (a quoted fal id in a JSON body is a reference). Every line keeps its length, so offsets
// into the result are offsets into the file.

const METHOD = /^(\s*)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(\s+)/;
const VARIABLE = /^(\s*)@([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)/;

export function httpFileAsShell(text: string): string {
  return text.split('\n').map((line) => {
    if (/^\s*\/\//.test(line)) return ' '.repeat(line.length);
    const v = VARIABLE.exec(line);
    if (v) {
      // `@model = x` → `   model=x`: the value keeps its column.
      const lead = v[0].length;
      const assign = `${v[2]}=`;
      return ' '.repeat(lead - assign.length) + assign + line.slice(lead);
    }
    const m = METHOD.exec(line);
    const body = m ? ' '.repeat(m[1]!.length + m[2]!.length) + line.slice(m[1]!.length + m[2]!.length) : line;
    // `{{name}}` → `${name}` and a blank (same length), which ends a URL where the variable does.
    return body.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (all, name: string) => `\${${name}}`.padEnd(all.length, ' '));
  }).join('\n');
}
