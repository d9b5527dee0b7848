import type { SideCallPolicy } from '../routing/side-call-policy.js';

/** Embeds one text with a model: the vector and what it cost (null: unpriced), or a RelayError. */
export type Embedder = (
  model: string,
  text: string,
  /** The policy of the request the text comes from: the embedding stays inside it. */
  policy: SideCallPolicy,
) => Promise<{ vector: Float32Array; costUsd: number | null }>;
