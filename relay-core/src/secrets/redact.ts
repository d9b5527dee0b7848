import { secretVariants } from './secret-variants.js';

// Shapes of well-known provider keys, scrubbed even when the relay never loaded them (a key pasted
// into a prompt, echoed back in an upstream error). Each needs 16+ characters of key material and
// must not start inside a longer word ("task-…" is not "sk-…").
const start = '(?<![A-Za-z0-9])';
const keyShapes = new RegExp(
  [
    String.raw`sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}`, // OpenAI, DeepSeek, Anthropic (sk-ant-)
    String.raw`AIza[0-9A-Za-z_-]{16,}`, // Google
    String.raw`gsk_[A-Za-z0-9]{16,}`, // Groq
    String.raw`xai-[A-Za-z0-9]{16,}`, // xAI
    String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}`, // AWS access key ids (long-term, temporary)
  ]
    .map((shape) => start + shape)
    .join('|'),
  'g',
);

const redacted = '[redacted]';

/**
 * Registered secrets shorter than this are ignored (scrubbing "test" would mangle every log line),
 * and any piece of a secret this long or longer is scrubbed: a key cut short, or only its end.
 */
export const minSecretLength = 8;

const window = minSecretLength;
/** The scan looks at the last `block` characters of a window first (Wu and Manber's shift table). */
const block = 3;
const maxShift = window - block + 1;
const tableBits = 16;

/** ASCII letters folded to lower case: keys are ASCII, and an upstream may change their case. */
function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function foldText(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** A table slot for the `block` (folded) characters ending at `end`. */
function blockSlot(text: string, end: number): number {
  let hash = 0;
  for (let i = end - block + 1; i <= end; i++) hash = Math.imul(hash ^ fold(text.charCodeAt(i)), 0x01000193);
  return Math.imul(hash, 0x9e3779b1) >>> (32 - tableBits);
}

/** A hash of the window of (folded) text starting at `start`, the key of the window index. */
function windowHash(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + window; i++) hash = Math.imul(hash ^ fold(text.charCodeAt(i)), 0x01000193);
  return hash;
}

interface WindowOf {
  /** The variant (folded) whose window this is, and where the window starts in it. */
  variant: string;
  offset: number;
}

export interface Redactor {
  /** Registers a secret (8 characters or more) to scrub from now on. */
  add(secret: string): void;
  /** Replaces every registered secret, its pieces and encodings, and every known key shape with `[redacted]`. */
  redact(text: string): string;
}

/**
 * Scrubs secrets from error messages and log lines. Every 8-character window of every form of a
 * registered secret (see secretVariants) is indexed; a window of the text found there is widened
 * to all the secret it shows, in any case. The scan (Wu and Manber's multi-pattern search) reads
 * the last characters of a window first and skips ahead up to 6 characters when no secret has
 * them there, so ordinary text costs a fraction of a character's work per character, whatever
 * the number of secrets: this runs on every error and log line.
 */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  const windows = new Map<number, WindowOf[]>();
  // how far the scan may move when a window ends in these characters (0: a window may end here)
  const shifts = new Uint8Array(1 << tableBits).fill(maxShift);

  function index(variant: string): void {
    for (let offset = 0; offset + window <= variant.length; offset++) {
      const key = windowHash(variant, offset);
      const list = windows.get(key);
      if (list) list.push({ variant, offset });
      else windows.set(key, [{ variant, offset }]);
      for (let end = offset + block - 1; end < offset + window; end++) {
        const slot = blockSlot(variant, end);
        shifts[slot] = Math.min(shifts[slot]!, offset + window - 1 - end);
      }
    }
  }

  /** The span of `text` around a window that shows the variant, or undefined when only the hash matched. */
  function widen(text: string, at: number, { variant, offset }: WindowOf): [number, number] | undefined {
    for (let i = 0; i < window; i++)
      if (fold(text.charCodeAt(at + i)) !== variant.charCodeAt(offset + i)) return undefined;
    let from = at;
    let inVariant = offset;
    while (
      from > 0 &&
      inVariant > 0 &&
      fold(text.charCodeAt(from - 1)) === variant.charCodeAt(inVariant - 1)
    ) {
      from -= 1;
      inVariant -= 1;
    }
    let to = at + window;
    inVariant = offset + window;
    while (
      to < text.length &&
      inVariant < variant.length &&
      fold(text.charCodeAt(to)) === variant.charCodeAt(inVariant)
    ) {
      to += 1;
      inVariant += 1;
    }
    return [from, to];
  }

  /** The spans of `text` that show a piece of a secret's form, in the order they were found. */
  function findSpans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    let end = window - 1;
    while (end < text.length) {
      const shift = shifts[blockSlot(text, end)]!;
      if (shift > 0) {
        end += shift;
        continue;
      }
      const at = end - window + 1;
      const last = spans.at(-1);
      // a window inside the span found last adds nothing
      if (!last || at < last[0] || end >= last[1]) {
        for (const found of windows.get(windowHash(text, at)) ?? []) {
          const span = widen(text, at, found);
          if (span) spans.push(span);
        }
      }
      end += 1;
    }
    return spans;
  }

  function scrubSecrets(text: string): string {
    if (windows.size === 0 || text.length < window) return text;
    const spans = findSpans(text);
    if (spans.length === 0) return text;
    // two forms of a secret may overlap, one starting before the other: merge in order of start
    spans.sort((a, b) => a[0] - b[0]);
    let result = '';
    let from = 0;
    let [spanStart, spanEnd] = spans[0]!;
    for (const [nextStart, nextEnd] of spans) {
      if (nextStart <= spanEnd) {
        spanEnd = Math.max(spanEnd, nextEnd);
        continue;
      }
      result += text.slice(from, spanStart) + redacted;
      from = spanEnd;
      [spanStart, spanEnd] = [nextStart, nextEnd];
    }
    return result + text.slice(from, spanStart) + redacted + text.slice(spanEnd);
  }

  return {
    add(secret) {
      if (secret.length < minSecretLength || secrets.has(secret)) return;
      secrets.add(secret);
      for (const variant of secretVariants(secret)) {
        if (variant.length >= window) index(foldText(variant));
      }
    },
    redact(text) {
      return scrubSecrets(text).replace(keyShapes, redacted);
    },
  };
}

/** The process-wide redactor: every key the secret store hands out is registered here. */
export const redactor = createRedactor();
