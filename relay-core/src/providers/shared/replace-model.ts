const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * The index just past the string whose opening quote is at `start` (valid JSON assumed). Walking
 * bytes is walking the JSON: in UTF-8 no byte of a multi-byte character is below 0x80, so none is
 * a quote, a backslash or a bracket.
 */
function skipString(bytes: Buffer, start: number): number {
  let at = start + 1;
  for (;;) {
    const end = bytes.indexOf(quote, at);
    if (end === -1) return -1;
    let slashes = 0;
    while (bytes[end - 1 - slashes] === backslash) slashes++;
    // an even number of backslashes escape each other, not the quote
    if (slashes % 2 === 0) return end + 1;
    at = end + 1;
  }
}

/** The index just past the value that starts at or after `start`, at nesting depth 0. */
function skipValue(bytes: Buffer, start: number): number {
  let depth = 0;
  let at = start;
  while (at < bytes.length) {
    const code = bytes[at];
    if (code === quote) {
      at = skipString(bytes, at);
      if (at === -1) return -1;
      if (depth === 0) return at;
      continue;
    }
    if (code === openBrace || code === openBracket) depth++;
    else if (code === closeBrace || code === closeBracket) {
      if (depth === 0) return at;
      depth--;
      if (depth === 0) return at + 1;
    } else if (code === comma && depth === 0) return at;
    at++;
  }
  return at;
}

function skipSpace(bytes: Buffer, start: number): number {
  let at = start;
  while (at < bytes.length && bytes[at]! <= 0x20) at++;
  return at;
}

/** Where one top-level field's value starts and ends in the bytes. */
interface Span {
  start: number;
  end: number;
}

/**
 * `spell`, remembering its last answer: requests in a row mostly name the same model, and answers
 * in a row come from the same upstream model.
 */
function rememberingLast(spell: (model: string) => string): (model: string) => string {
  let last: string | undefined;
  let spelled = '';
  return (model) => {
    if (model !== last) {
      spelled = spell(model);
      last = model;
    }
    return spelled;
  };
}

/** The model name as a JSON string. */
const quotedModel = rememberingLast((model) => JSON.stringify(model));

/**
 * The client's JSON object, as UTF-8 bytes, with its top-level `model` set to `model` and, when
 * `maxTokens` is given, its top-level `limitField` (`max_tokens` unless told) set to it (a request
 * fitted to its target's output limit, pipeline/fit-request.ts); every other byte as the client
 * wrote it. `bytes` must be valid JSON (they were parsed). Undefined unless the object has exactly
 * one top-level `model` holding a string (and, with `maxTokens`, exactly one `limitField` holding a
 * number): with a duplicate key, parsers disagree on which one counts, so such a body is not sent
 * as it came.
 */
export function replaceModel(
  bytes: Buffer,
  model: string,
  maxTokens?: number,
  limitField = 'max_tokens',
): Buffer | undefined {
  let at = skipSpace(bytes, 0);
  if (bytes[at] !== openBrace) return undefined;
  at = skipSpace(bytes, at + 1);
  let found: Span | undefined;
  let limit: Span | undefined;
  while (bytes[at] === quote) {
    const keyEnd = skipString(bytes, at);
    if (keyEnd === -1) return undefined;
    const key = readKey(bytes, at + 1, keyEnd - 1);
    at = skipSpace(bytes, keyEnd);
    if (bytes[at] !== colon) return undefined;
    const valueStart = skipSpace(bytes, at + 1);
    const valueEnd = skipValue(bytes, valueStart);
    if (valueEnd === -1) return undefined;
    if (isKey(bytes, key, 'model')) {
      if (found || bytes[valueStart] !== quote) return undefined;
      found = { start: valueStart, end: valueEnd };
    } else if (maxTokens !== undefined && isKey(bytes, key, limitField)) {
      if (limit || bytes[valueStart] === quote || bytes[valueStart]! > 0x39) return undefined;
      limit = { start: valueStart, end: skipNumber(bytes, valueStart) };
    }
    at = skipSpace(bytes, valueEnd);
    if (bytes[at] === comma) at = skipSpace(bytes, at + 1);
  }
  if (!found || bytes[at] !== closeBrace || (maxTokens !== undefined && !limit)) return undefined;
  const spans: Array<[Span, string]> = [];
  const quoted = quotedModel(model);
  if (!holds(bytes, found, quoted)) spans.push([found, quoted]);
  if (limit && !holds(bytes, limit, String(maxTokens))) spans.push([limit, String(maxTokens)]);
  // a client that named the upstream's own model, within its limit: its bytes go as they are
  if (spans.length === 0) return bytes;
  spans.sort(([a], [b]) => a.start - b.start);
  const parts: Buffer[] = [];
  let from = 0;
  for (const [span, text] of spans) {
    parts.push(bytes.subarray(from, span.start), Buffer.from(text));
    from = span.end;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/**
 * A top-level key, as the two names looked for compare with it: its bytes are compared as they
 * are (decoding every key to a string cost more than the rest of the walk), and a key with an
 * escape is decoded, since JSON.parse would have read it decoded.
 */
function readKey(bytes: Buffer, start: number, end: number): string | Span {
  for (let at = start; at < end; at++)
    if (bytes[at] === backslash) return JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string;
  return { start, end };
}

/** Whether a key read by readKey is `name`. */
function isKey(bytes: Buffer, key: string | Span, name: string): boolean {
  return typeof key === 'string' ? key === name : holds(bytes, key, name);
}

/** Whether the span holds `text` already (ASCII is compared; anything else counts as different). */
function holds(bytes: Buffer, span: Span, text: string): boolean {
  if (span.end - span.start !== text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[span.start + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The index just past the number that starts at `start`. */
function skipNumber(bytes: Buffer, start: number): number {
  let at = start;
  // digits, sign, decimal point, exponent: none is a separator
  while (at < bytes.length && /[-+.\deE]/.test(String.fromCharCode(bytes[at]!))) at++;
  return at;
}

const modelKey = '"model":';

/** `"model":` and the model as JSON: an answer's model field as a compact text spells it. */
const modelFieldOf = rememberingLast((current) => `${modelKey}${JSON.stringify(current)}`);

/**
 * replaceModel on JSON text: the text itself when its model is already `model`. `current`, the
 * model the text's top-level field is known to hold (it was parsed), lets a compact text with no
 * other `"model":` anywhere be changed in place, with no scan of the whole object.
 */
export function replaceModelInText(text: string, model: string, current?: string): string | undefined {
  if (current) {
    const field = modelFieldOf(current);
    const at = text.indexOf(field);
    if (at !== -1 && text.indexOf(modelKey) === at && text.indexOf(modelKey, at + 1) === -1) {
      if (current === model) return text;
      return `${text.slice(0, at + modelKey.length)}${quotedModel(model)}${text.slice(at + field.length)}`;
    }
  }
  const bytes = Buffer.from(text);
  const replaced = replaceModel(bytes, model);
  return replaced === bytes ? text : replaced?.toString('utf8');
}
