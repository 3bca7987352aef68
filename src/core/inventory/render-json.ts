import type { Inventory } from '../schema/inventory.ts';

/**
 * The inventory's JSON, exactly as `JSON.stringify(inv, null, 2)` writes it, in pieces: one
 * element of a big array at a time. An organisation's inventory runs to tens of megabytes, and
 * one string of it (twice the bytes once a model name is outside Latin-1, and copied again to
 * be written) would be most of the command's memory.
 */
export function* inventoryJson(inv: Inventory): Generator<string> {
  yield* batched(pieces(inv), 1 << 20);
}

/** Joins small pieces into about `size` characters, so a writer makes few large writes. */
function* batched(parts: Iterable<string>, size: number): Generator<string> {
  let held: string[] = [];
  let length = 0;
  for (const p of parts) {
    held.push(p);
    length += p.length;
    if (length >= size) {
      yield held.join('');
      held = [];
      length = 0;
    }
  }
  if (held.length > 0) yield held.join('');
}

function* pieces(inv: Inventory): Generator<string> {
  const entries = Object.entries(inv).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const end = i < entries.length - 1 ? ',\n' : '\n';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, item] of value.entries()) {
        // Newlines inside strings are escaped by JSON.stringify: every raw newline is structure.
        yield `    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}${j < value.length - 1 ? ',\n' : '\n'}`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${end}`;
    }
  }
  yield '}\n';
}
