import { z } from 'zod';
import { isPlainObject } from '../../shared/is-plain-object.js';

// Objects are loose: a field the relay does not know is kept, so that it can be told apart (sent on
// to Gemini, left out or refused elsewhere: gemini-unmodeled.ts). Absent and null mean the same,
// as in proto's JSON mapping.

/** A JSON object, taken as it is (a call's arguments, a JSON schema): checked, not copied key by key. */
const jsonObject = z.custom<Record<string, unknown>>(isPlainObject, { message: 'expected an object' });

const blob = z.object({ mimeType: z.string().min(1), data: z.string() }).loose();
const fileData = z.object({ fileUri: z.string().min(1), mimeType: z.string().nullish() }).loose();
const media = { inlineData: blob.nullish(), fileData: fileData.nullish() };

const functionCall = z
  .object({ id: z.string().nullish(), name: z.string().min(1), args: jsonObject.nullish() })
  .loose();
const functionResponse = z
  .object({
    id: z.string().nullish(),
    name: z.string(),
    response: jsonObject.nullish(),
    parts: z.array(z.object(media).loose()).nullish(),
  })
  .loose();

const part = z
  .object({
    text: z.string().nullish(),
    thought: z.boolean().nullish(),
    thoughtSignature: z.string().nullish(),
    ...media,
    functionCall: functionCall.nullish(),
    functionResponse: functionResponse.nullish(),
    executableCode: z.object({ language: z.string().nullish(), code: z.string() }).loose().nullish(),
    codeExecutionResult: z
      .object({ outcome: z.string().nullish(), output: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

export const geminiContentSchema = z
  .object({ role: z.string().nullish(), parts: z.array(part).nullish() })
  .loose();

const functionDeclaration = z
  .object({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: jsonObject.nullish(),
    parametersJsonSchema: jsonObject.nullish(),
  })
  .loose();

const generationConfig = z
  .object({
    temperature: z.number().min(0).max(2).nullish(),
    topP: z.number().min(0).max(1).nullish(),
    topK: z.number().int().positive().nullish(),
    maxOutputTokens: z.number().int().positive().nullish(),
    stopSequences: z.array(z.string()).nullish(),
    seed: z.number().int().nullish(),
    presencePenalty: z.number().nullish(),
    frequencyPenalty: z.number().nullish(),
    responseMimeType: z.string().nullish(),
    responseSchema: jsonObject.nullish(),
    candidateCount: z.number().int().positive().nullish(),
    thinkingConfig: z
      .object({
        includeThoughts: z.boolean().nullish(),
        thinkingBudget: z.number().int().min(-1).nullish(),
        thinkingLevel: z.string().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

/**
 * The part of Gemini's `GenerateContentRequest` the relay reads (what Gemini CLI and the
 * `@google/genai` SDK send). Ranges follow Gemini's: temperature 0–2, topP 0–1.
 */
export const generateContentSchema = z
  .object({
    contents: z.array(geminiContentSchema).min(1),
    systemInstruction: z.union([z.string(), geminiContentSchema]).nullish(),
    tools: z
      .array(z.object({ functionDeclarations: z.array(functionDeclaration).nullish() }).loose())
      .nullish(),
    toolConfig: z
      .object({
        functionCallingConfig: z
          .object({ mode: z.string().nullish(), allowedFunctionNames: z.array(z.string()).nullish() })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    generationConfig: generationConfig.nullish(),
  })
  .loose();

export type GenerateContentWire = z.infer<typeof generateContentSchema>;
export type GeminiContentWire = z.infer<typeof geminiContentSchema>;
export type GeminiPartWire = NonNullable<GeminiContentWire['parts']>[number];
