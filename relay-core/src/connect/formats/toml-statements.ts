/** A table header or a `key = value` line of a TOML file, located in its text. */
export interface TomlStatement {
  kind: 'table' | 'array-table' | 'pair';
  /** The header's table, or the pair's (dotted) key. */
  path: string[];
  /** Offset of the statement's first character. */
  start: number;
  /** Offset after the statement's line (its comment and newline included). */
  end: number;
  /** Where a pair's value is written. */
  value?: { start: number; end: number };
}

/**
 * Finds the statements of a TOML text the parser already accepted, skipping what may span lines
 * (multi-line strings, arrays, inline tables) so that nothing inside a value is taken for a key.
 */
export function scanToml(text: string): TomlStatement[] {
  const statements: TomlStatement[] = [];
  let at = 0;
  const skipBlank = (newlines: boolean) => {
    for (;;) {
      const char = text[at];
      if (char === ' ' || char === '\t' || char === '\r' || (newlines && char === '\n')) at += 1;
      else if (char === '#') while (at < text.length && text[at] !== '\n') at += 1;
      else return;
    }
  };
  const lineAfter = () => {
    skipBlank(false);
    if (text[at] === '\n') at += 1;
    return at;
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipBlank(false);
      const char = text[at];
      if (char === '"' || char === "'") {
        const end = endOfString(text, at);
        const raw = text.slice(at, end);
        parts.push(char === '"' ? unescapeBasic(raw) : raw.slice(1, -1));
        at = end;
      } else {
        const bare = /^[A-Za-z0-9_-]+/.exec(text.slice(at, at + 256))?.[0] ?? '';
        parts.push(bare);
        at += bare.length;
      }
      skipBlank(false);
      if (text[at] !== '.') return parts;
      at += 1;
    }
  };
  while ((skipBlank(true), at < text.length)) {
    const start = at;
    if (text[at] === '[') {
      const array = text[at + 1] === '[';
      at += array ? 2 : 1;
      const path = key();
      at += array ? 2 : 1;
      statements.push({ kind: array ? 'array-table' : 'table', path, start, end: lineAfter() });
      continue;
    }
    const path = key();
    at += 1; // '='
    skipBlank(false);
    const valueStart = at;
    at = endOfValue(text, at);
    const value = { start: valueStart, end: at };
    statements.push({ kind: 'pair', path, start, end: lineAfter(), value });
  }
  return statements;
}

/** A basic string's text; TOML's escapes are JSON's but for `\U` (eight hex digits). */
function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** The offset after a string starting at `at` (basic, literal, or either multi-line form). */
function endOfString(text: string, at: number): number {
  const quote = text[at]!;
  const triple = text.startsWith(quote.repeat(3), at);
  let index = at + (triple ? 3 : 1);
  for (;;) {
    const char = text[index];
    if (char === undefined) return index;
    if (char === '\\' && quote === '"') index += 2;
    else if (char !== quote) index += 1;
    else if (!triple) return index + 1;
    else if (text.startsWith(quote.repeat(3), index)) {
      // up to two quotes may stand right before the closing three
      let end = index + 3;
      while (text[end] === quote && end < index + 5) end += 1;
      return end;
    } else index += 1;
  }
}

/** The offset after the value starting at `at`. */
function endOfValue(text: string, at: number): number {
  const char = text[at];
  if (char === '"' || char === "'") return endOfString(text, at);
  if (char === '[' || char === '{') {
    const close = char === '[' ? ']' : '}';
    let index = at + 1;
    for (;;) {
      const next = text[index];
      if (next === undefined) return index;
      if (next === close) return index + 1;
      if (next === '#') while (index < text.length && text[index] !== '\n') index += 1;
      else if (next === '"' || next === "'" || next === '[' || next === '{') index = endOfValue(text, index);
      else index += 1;
    }
  }
  // numbers, booleans and dates (a date may hold one space before its time)
  return at + (/^[^\s,\]}#]+(?: \d{2}:\d{2}[^\s,\]}#]*)?/.exec(text.slice(at, at + 256))?.[0].length ?? 0);
}
