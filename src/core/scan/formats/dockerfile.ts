// Dockerfiles and Containerfiles as the shell script they mostly are: `RUN`/`CMD`/`ENTRYPOINT`
// bodies are shell, `ENV`/`ARG` define variables (`ENV MODEL=fal-ai/…`, `ARG MODEL=…`,
// the legacy `ENV MODEL fal-ai/…`), and every other instruction holds no call. The result has
// the same length on every line, so offsets into it are offsets into the file.

const SHELL = /^(\s*)(RUN|CMD|ENTRYPOINT|SHELL|HEALTHCHECK)(\s)/i;
const VARS = /^(\s*)(ENV|ARG)(\s+)/i;
const OTHER = /^\s*[A-Za-z]+(\s|$)/;

export function dockerfileAsShell(text: string): string {
  const out: string[] = [];
  let inShell = false; // a continuation of a RUN-like instruction
  let inVars = false; // a continuation of ENV/ARG
  for (const line of text.split('\n')) {
    const continued = /\\\r?$/.test(line);
    if (inShell) {
      out.push(line);
      inShell = continued;
      continue;
    }
    if (inVars) {
      out.push(assignments(line));
      inVars = continued;
      continue;
    }
    if (/^\s*#/.test(line) || line.trim() === '') {
      out.push(line);
      continue;
    }
    let m = SHELL.exec(line);
    if (m) {
      out.push(' '.repeat(m[1]!.length + m[2]!.length) + line.slice(m[1]!.length + m[2]!.length));
      inShell = continued;
      continue;
    }
    m = VARS.exec(line);
    if (m) {
      const lead = m[0].length;
      out.push(' '.repeat(lead) + assignments(line.slice(lead)));
      inVars = continued;
      continue;
    }
    // FROM, COPY, LABEL, WORKDIR, …: nothing a fal call can hide in.
    out.push(OTHER.test(line) ? ' '.repeat(line.length) : line);
  }
  return out.join('\n');
}

/**
 * An ENV/ARG body as shell assignments: `A=1 B="x" \` stays as it is (the shell reader takes
 * several assignments on a line), `KEY value` (legacy ENV) becomes `KEY=value`, and a trailing
 * `\` is blanked.
 */
function assignments(rest: string): string {
  const s = rest.replace(/\\(\r?)$/, ' $1');
  const legacy = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s+)(?=[^\s=])/.exec(s);
  if (legacy && !/^\s*[A-Za-z_][A-Za-z0-9_]*=/.test(s)) {
    // `KEY value`: the first blank becomes `=`; the value keeps its column.
    const at = legacy[1]!.length + legacy[2]!.length;
    return `${s.slice(0, at)}=${s.slice(at + 1)}`;
  }
  return s;
}
