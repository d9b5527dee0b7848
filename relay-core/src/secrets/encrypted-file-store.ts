import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from './types.js';

interface SealedFile {
  version: 1;
  salt: string;
  entries: Record<string, { iv: string; tag: string; data: string }>;
}

/**
 * For machines without an OS keychain: keys sealed with AES-256-GCM in `secrets.enc.json`
 * (mode 0600). The key comes from SWITCHBOARD_SECRETS_PASSPHRASE (scrypt) when set, otherwise
 * from a random `secrets.key` file beside it. Honestly: the key-file variant only protects
 * against casual disclosure (backups, sync, screenshots of the folder), not against someone who
 * can read the data folder; the passphrase variant does.
 */
export function createEncryptedFileStore(home: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const file = join(home, 'secrets.enc.json');
  const keyFile = join(home, 'secrets.key');

  function read(): SealedFile {
    if (!existsSync(file)) return { version: 1, salt: randomBytes(16).toString('base64'), entries: {} };
    return JSON.parse(readFileSync(file, 'utf8')) as SealedFile;
  }

  function masterKey(salt: string): Buffer {
    const passphrase = env.SWITCHBOARD_SECRETS_PASSPHRASE;
    if (passphrase) return scryptSync(passphrase, Buffer.from(salt, 'base64'), 32);
    if (!existsSync(keyFile)) {
      mkdirSync(home, { recursive: true });
      writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    return scryptSync(readFileSync(keyFile, 'utf8').trim(), Buffer.from(salt, 'base64'), 32);
  }

  function write(sealed: SealedFile): void {
    mkdirSync(home, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(sealed, null, 2), { mode: 0o600 });
    renameSync(temp, file);
  }

  return {
    source: 'encrypted-file',
    async get(provider) {
      const sealed = read();
      const entry = sealed.entries[provider];
      if (!entry) return undefined;
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          masterKey(sealed.salt),
          Buffer.from(entry.iv, 'base64'),
        );
        decipher.setAAD(Buffer.from(provider));
        decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error(
          `cannot decrypt the stored key for '${provider}' in ${file}: wrong SWITCHBOARD_SECRETS_PASSPHRASE or a changed secrets.key`,
        );
      }
    },
    async set(provider, key) {
      const sealed = read();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey(sealed.salt), iv);
      cipher.setAAD(Buffer.from(provider));
      const data = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
      sealed.entries[provider] = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      write(sealed);
    },
    async delete(provider) {
      const sealed = read();
      if (!sealed.entries[provider]) return false;
      delete sealed.entries[provider];
      write(sealed);
      return true;
    },
    async list() {
      return Object.keys(read().entries).sort();
    },
  };
}
