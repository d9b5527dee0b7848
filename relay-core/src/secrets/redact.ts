// Shapes of well-known provider keys, scrubbed even when the relay never loaded them (a key pasted
// into a prompt, echoed back in an upstream error). Each needs 16+ characters of key material and
// must not start inside a longer word ("task-…" is not "sk-…").
const start = '(?<![A-Za-z0-9])';
const keyShapes = [
  String.raw`sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}`, // OpenAI, DeepSeek, Anthropic (sk-ant-)
  String.raw`AIza[0-9A-Za-z_-]{16,}`, // Google
  String.raw`gsk_[A-Za-z0-9]{16,}`, // Groq
  String.raw`xai-[A-Za-z0-9]{16,}`, // xAI
  String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}`, // AWS access key ids (long-term, temporary)
].map((shape) => start + shape);

const redacted = '[redacted]';

/** Registered secrets shorter than this are ignored: scrubbing "test" would mangle every log line. */
export const minSecretLength = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export interface Redactor {
  /** Registers a secret (8 characters or more) to scrub from now on. */
  add(secret: string): void;
  /** Replaces every registered secret and every known key shape with `[redacted]`. */
  redact(text: string): string;
}

/**
 * Scrubs secrets from log lines and error messages. One RegExp holds every registered secret and
 * key shape; it is rebuilt only when a new secret is added, so `redact` costs one scan.
 */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let pattern = new RegExp(keyShapes.join('|'), 'g');
  return {
    add(secret) {
      if (secret.length < minSecretLength || secrets.has(secret)) return;
      secrets.add(secret);
      // longest first, so a secret that contains another is scrubbed whole
      const literals = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      pattern = new RegExp([...literals, ...keyShapes].join('|'), 'g');
    },
    redact(text) {
      return text.replace(pattern, redacted);
    },
  };
}

/** The process-wide redactor: every key the secret store hands out is registered here. */
export const redactor = createRedactor();
