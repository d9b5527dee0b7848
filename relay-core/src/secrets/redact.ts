/** Shapes of well-known provider keys, caught even when the relay never loaded them. */
const keyShapes = [
  String.raw`sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}`,
  String.raw`AIza[0-9A-Za-z_-]{20,}`,
  String.raw`gsk_[A-Za-z0-9]{16,}`,
  String.raw`xai-[A-Za-z0-9]{16,}`,
  String.raw`AKIA[0-9A-Z]{16}`,
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  /** Registers a secret (8 characters or more) to scrub from now on. */
  add(secret: string): void;
  /** Replaces every registered secret and every known key shape with `[redacted]`. */
  redact(text: string): string;
}

/** Scrubs secrets from log lines and error messages; one RegExp, rebuilt only when a secret is added. */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let pattern = new RegExp(keyShapes.join('|'), 'g');
  return {
    add(secret) {
      if (secret.length < 8 || secrets.has(secret)) return;
      secrets.add(secret);
      // longest first so a key that contains another is scrubbed whole
      const literal = [...secrets].sort((a, b) => b.length - a.length).map(escape);
      pattern = new RegExp([...literal, ...keyShapes].join('|'), 'g');
    },
    redact(text) {
      return text.replace(pattern, '[redacted]');
    },
  };
}

/** The process-wide redactor: every key the secret store hands out is registered here. */
export const redactor = createRedactor();
