import { createInterface } from 'node:readline';

/**
 * Reads one secret line from stdin. On a terminal it prompts and does not echo what is typed;
 * piped input (`echo -n sk-… | npm run relay -- secrets set openai`) is read whole.
 */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, terminal: true });
  // mute echo: readline writes typed characters through _writeToOutput
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return line.trim();
}
