import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from './types.js';

export const secretsFileName = 'secrets.enc.json';
export const secretsKeyFileName = 'secrets.key';

type KeySource = 'passphrase' | 'key-file';

interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
}

interface SealedFile {
  version: 1;
  /** What the master key was derived from, so a mismatch gets a precise message. */
  sealed_with?: KeySource;
  /** scrypt salt, base64. */
  salt: string;
  entries: Record<string, SealedEntry>;
}

/**
 * For machines without an OS keychain: keys sealed with AES-256-GCM in `secrets.enc.json` (mode
 * 0600) in the data folder. The AES key is derived with scrypt from SWITCHBOARD_SECRETS_PASSPHRASE
 * when that is set, otherwise from a random 32-byte `secrets.key` file (0600) beside it.
 *
 * Honestly: the key-file variant only protects against casual disclosure (a backup, a synced or
 * copied `secrets.enc.json`, a screenshot); anyone who can read the data folder as this user can
 * read both files and decrypt. The passphrase variant holds as long as the passphrase stays out of
 * the folder. A wrong passphrase or a changed key file is reported as an error, never as garbage
 * (GCM authenticates every entry, with the provider id as associated data).
 */
export function createEncryptedFileStore(home: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const file = join(home, secretsFileName);
  const keyFile = join(home, secretsKeyFileName);
  let cached: { material: string; salt: string; key: Buffer } | undefined;

  const keySource = (): KeySource => (env.SWITCHBOARD_SECRETS_PASSPHRASE ? 'passphrase' : 'key-file');

  function read(): SealedFile | undefined {
    if (!existsSync(file)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as SealedFile;
      if (
        parsed.version !== 1 ||
        typeof parsed.salt !== 'string' ||
        typeof parsed.entries !== 'object' ||
        !parsed.entries
      )
        throw new Error('unknown layout');
      return parsed;
    } catch (error) {
      throw new Error(`${file} is not a readable Switchboard secrets file (${(error as Error).message})`);
    }
  }

  function keyFileSecret(create: boolean): string {
    if (!existsSync(keyFile)) {
      if (!create) {
        throw new Error(
          `${keyFile} is missing: the keys in ${file} cannot be decrypted without it; store them again`,
        );
      }
      mkdirSync(home, { recursive: true, mode: 0o700 });
      try {
        writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return readFileSync(keyFile, 'utf8').trim();
  }

  function masterKey(sealed: SealedFile, create: boolean): Buffer {
    const source = keySource();
    const mismatch = sealed.sealed_with !== undefined && sealed.sealed_with !== source;
    if (mismatch && Object.keys(sealed.entries).length > 0) {
      throw new Error(
        sealed.sealed_with === 'passphrase'
          ? `the keys in ${file} were sealed with SWITCHBOARD_SECRETS_PASSPHRASE, which is not set`
          : `the keys in ${file} were sealed with ${keyFile}; unset SWITCHBOARD_SECRETS_PASSPHRASE to read them`,
      );
    }
    const material =
      source === 'passphrase' ? `p:${env.SWITCHBOARD_SECRETS_PASSPHRASE}` : `k:${keyFileSecret(create)}`;
    // scrypt costs tens of milliseconds; derive once per passphrase/key file and salt
    if (cached?.material !== material || cached.salt !== sealed.salt) {
      cached = {
        material,
        salt: sealed.salt,
        key: scryptSync(material, Buffer.from(sealed.salt, 'base64'), 32),
      };
    }
    return cached.key;
  }

  function open(provider: string, entry: SealedEntry, key: Buffer): string {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
      decipher.setAAD(Buffer.from(provider));
      decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
      const data = Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]);
      return data.toString('utf8');
    } catch {
      const culprit =
        keySource() === 'passphrase' ? 'wrong SWITCHBOARD_SECRETS_PASSPHRASE' : `${keyFile} has changed`;
      throw new Error(`cannot decrypt the stored key for '${provider}' in ${file}: ${culprit}`);
    }
  }

  function write(sealed: SealedFile): void {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temp, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  return {
    source: 'encrypted-file',
    async get(provider) {
      const sealed = read();
      const entry = sealed?.entries[provider];
      if (!sealed || !entry) return undefined;
      return open(provider, entry, masterKey(sealed, false));
    },
    async set(provider, secret) {
      const existing = read();
      const sealed: SealedFile = existing ?? {
        version: 1,
        sealed_with: keySource(),
        salt: randomBytes(16).toString('base64'),
        entries: {},
      };
      const [other] = Object.entries(sealed.entries);
      const key = masterKey(sealed, other === undefined);
      // never mix entries sealed under two different keys in one file
      if (other) open(other[0], other[1], key);
      else sealed.sealed_with = keySource();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(provider));
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      sealed.entries[provider] = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      write(sealed);
    },
    async delete(provider) {
      const sealed = read();
      if (!sealed?.entries[provider]) return false;
      delete sealed.entries[provider];
      write(sealed);
      return true;
    },
    async list() {
      return Object.keys(read()?.entries ?? {}).sort();
    },
  };
}
