/** Block scalar headers (`|`, `>-`, `|2+`) end a line after a key or a sequence dash. */
const blockScalarHeader = /(?:^|[\s:-])[|>][1-9+-]{0,2}\s*(?:#.*)?$/;

/**
 * How deeply a YAML text nests, estimated in one pass without parsing it: block levels (the
 * indentation widths open at a line, plus compact `- ` and `? ` indicators on it) and flow levels
 * (`[` and `{` outside quotes and comments), at their deepest. Block scalars' text is skipped.
 * It may overestimate (a `[` in a plain scalar counts), which only matters far above any real
 * config's depth: the YAML parser recurses once a level, and 100,000 levels take it seconds.
 * Returns as soon as the depth passes `stopAbove`.
 */
export function yamlDepth(text: string, stopAbove = Infinity): number {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let scalarIndent: number | undefined;
  let deepest = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let at = lineStart;
    while (at < lineEnd && text.charCodeAt(at) === 32) at += 1;
    const indent = at - lineStart;
    const blank = at === lineEnd || text[at] === '#' || text[at] === '\r';
    if (scalarIndent !== undefined && (blank || indent > scalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    scalarIndent = undefined;
    if (blank && quote === undefined) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (quote === undefined && flow === 0) {
      while (indents.length > 0 && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
    }
    let compact = 0;
    // what may open a scalar or a collection: line start, whitespace, or a flow indicator
    let opener = true;
    for (; at < lineEnd; at++) {
      const character = text[at]!;
      if (quote !== undefined) {
        if (character === '\\' && quote === '"') at += 1;
        else if (character === quote) {
          // '' inside single quotes is an escaped quote
          if (quote === "'" && text[at + 1] === "'") at += 1;
          else quote = undefined;
        }
        continue;
      }
      if (character === '#' && opener) break;
      if ((character === '"' || character === "'") && opener) quote = character;
      else if (character === '[' || character === '{') flow += 1;
      else if (character === ']' || character === '}') flow = Math.max(0, flow - 1);
      else if ((character === '-' || character === '?') && opener && text[at + 1] === ' ' && flow === 0)
        compact += 1;
      deepest = Math.max(deepest, indents.length + compact + flow);
      if (deepest > stopAbove) return deepest;
      opener =
        character === ' ' ||
        character === '\t' ||
        character === ',' ||
        character === '[' ||
        character === '{';
    }
    if (quote === undefined && flow === 0 && blockScalarHeader.test(text.slice(lineStart, lineEnd)))
      scalarIndent = indent;
    deepest = Math.max(deepest, indents.length + compact + flow);
    lineStart = lineEnd + 1;
  }
  return deepest;
}
