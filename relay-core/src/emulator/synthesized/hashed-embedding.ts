/** Dimensions of the emulator's synthetic embeddings. */
export const hashedEmbeddingDimensions = 256;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic embedding derived from the text alone: a hashed bag of words (lower-cased
 * words, each hashed to a dimension and a sign), L2-normalised. Texts sharing most words are
 * close in cosine terms, as with a real embedding model, so the semantic cache can be tested
 * offline. Not a recording: real embeddings of a text cannot be replayed for texts never recorded.
 */
export function hashedEmbedding(text: string, dimensions = hashedEmbeddingDimensions): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  for (const word of words) {
    const hash = fnv1a(word);
    vector[hash % dimensions]! += hash & 0x80000000 ? -1 : 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
