const negations = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'nowhere',
  'cannot',
  'without',
  'except',
  'unless',
  'avoid',
  'stop',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'cant',
  'shouldnt',
  'wouldnt',
  'couldnt',
  'mustnt',
  'hasnt',
  'havent',
]);

const numberWords = new Set([
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'twenty',
  'hundred',
  'thousand',
  'million',
  'billion',
  'first',
  'second',
  'third',
  'half',
  'double',
  'twice',
]);

// words that decide meaning as much as a negation does, and that embeddings place close together
const opposites = new Set([
  'before',
  'after',
  'above',
  'below',
  'more',
  'less',
  'most',
  'least',
  'increase',
  'decrease',
  'max',
  'min',
  'maximum',
  'minimum',
  'largest',
  'smallest',
  'true',
  'false',
  'yes',
]);

/** What must be equal in two prompts for one's answer to serve the other. */
export interface PromptSignature {
  negations: string[];
  numbers: string[];
  names: string[];
  polarity: string[];
}

function words(text: string): string[] {
  return text
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}.]+/u)
    .filter(Boolean);
}

/**
 * The lexical features embeddings are known to blur: negation words, numbers (digits and number
 * words), capitalised names (not at a sentence start) and opposite-pair words. Two prompts whose
 * signatures differ ask different questions however similar their vectors are.
 */
export function promptSignature(text: string): PromptSignature {
  const negationsFound = new Set<string>();
  const numbers = new Set<string>();
  const names = new Set<string>();
  const polarity = new Set<string>();
  for (const sentence of text.split(/(?<=[.!?:\n])\s+/)) {
    words(sentence).forEach((raw, index) => {
      const word = raw.replace(/\.+$/, '');
      if (!word) return;
      const lower = word.toLowerCase();
      if (negations.has(lower)) negationsFound.add(lower);
      else if (/\d/.test(word)) numbers.add(word.replace(/,/g, ''));
      else if (numberWords.has(lower)) numbers.add(lower);
      else if (opposites.has(lower)) polarity.add(lower);
      else if (index > 0 && /^\p{Lu}/u.test(word) && lower !== 'i') names.add(word);
    });
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    negations: sorted(negationsFound),
    numbers: sorted(numbers),
    names: sorted(names),
    polarity: sorted(polarity),
  };
}

/** Why two prompts must not share an answer, or undefined when the lexical check passes. */
export function semanticConflict(a: string, b: string): string | undefined {
  const left = promptSignature(a);
  const right = promptSignature(b);
  for (const field of ['negations', 'numbers', 'names', 'polarity'] as const) {
    if (left[field].join('\u0000') !== right[field].join('\u0000')) return `different ${field}`;
  }
  return undefined;
}
