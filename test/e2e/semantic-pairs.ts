/**
 * The semantic cache's test set. Similarities are those of the emulator's hashed bag-of-words
 * embeddings (relay-core/src/emulator/synthesized/hashed-embedding.ts); the tests check each pair's
 * similarity against the threshold before asking, so a pair can never pass for the wrong reason.
 */
export const semanticThreshold = 0.9;

/** The same question in other words: the second is answered with the first's answer. */
export const paraphrases: Array<[string, string]> = [
  ['Tell me the capital of France', 'Tell me the capital of France please'],
  ['How do I reset my router to factory settings', 'How do I reset my router to its factory settings'],
  ['What are good tips for sleeping better', 'Good tips for sleeping better: what are they'],
];

/** Related but different questions, below the threshold: the second goes upstream. */
export const different: Array<[string, string]> = [
  ['Tell me the capital of Spain', 'Tell me the population of Spain'],
  ['How do I reset my modem', 'How do I bake sourdough bread'],
];

/**
 * Near-duplicates with opposite meaning: above the threshold, so only the lexical guard keeps
 * them apart. None may ever hit.
 */
export const opposites: Array<{ kind: string; pair: [string, string] }> = [
  {
    kind: 'negation',
    pair: [
      'Should I restart the server after installing the security update',
      'Should I not restart the server after installing the security update',
    ],
  },
  {
    kind: 'negation',
    pair: [
      'Explain why the function returns a sorted list of user names from the database',
      'Explain why the function never returns a sorted list of user names from the database',
    ],
  },
  {
    kind: 'negation',
    pair: [
      'Is it safe to run this migration script on the production database during business hours',
      "Isn't it safe to run this migration script on the production database during business hours",
    ],
  },
  {
    kind: 'number',
    pair: [
      'Write a short friendly email telling my team that the weekly meeting moves to 3 pm on Friday',
      'Write a short friendly email telling my team that the weekly meeting moves to 4 pm on Friday',
    ],
  },
  {
    kind: 'number',
    pair: [
      'Convert 250 grams of flour to cups for a simple bread recipe I bake at home',
      'Convert 500 grams of flour to cups for a simple bread recipe I bake at home',
    ],
  },
  {
    kind: 'number',
    pair: [
      'Plan a relaxed walking itinerary for two days in Lisbon with good food and views',
      'Plan a relaxed walking itinerary for five days in Lisbon with good food and views',
    ],
  },
  {
    kind: 'name',
    pair: [
      'Draft a polite note to Alice asking for a review of the quarterly budget report by Monday',
      'Draft a polite note to Bob asking for a review of the quarterly budget report by Monday',
    ],
  },
  {
    kind: 'name',
    pair: [
      'Summarize the main scientific achievements of Curie in physics and chemistry for a school essay',
      'Summarize the main scientific achievements of Newton in physics and chemistry for a school essay',
    ],
  },
  {
    kind: 'opposite',
    pair: [
      'List the largest cities in Europe by population for a geography quiz with answers',
      'List the smallest cities in Europe by population for a geography quiz with answers',
    ],
  },
];
