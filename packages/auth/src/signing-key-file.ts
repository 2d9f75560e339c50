import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

export const SIGNING_KEY_FILE = 'dev-signing-key.json';

export type SigningAlgorithm = 'EdDSA' | 'ES256';

/** The JWK members that make up a public key, and only those. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y'] as const;

const KeyFile = z.object({
  version: z.literal(1),
  alg: z.enum(['EdDSA', 'ES256']),
  kid: z.string().min(1),
  created_at: z.string(),
  private_jwk: z
    .object({
      kty: z.enum(['OKP', 'EC']),
      crv: z.enum(['Ed25519', 'P-256']),
      x: z.string(),
      y: z.string().optional(),
      d: z.string(),
    })
    .strict(),
});

export interface SigningKeyMaterial {
  alg: SigningAlgorithm;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK & { kid: string; alg: SigningAlgorithm; use: 'sig' };
  /** True when this call generated the key (first start). */
  created: boolean;
}

/**
 * Loads `<dataDir>/dev-signing-key.json`, or generates a key pair and writes it there (mode 0600)
 * on first use. Creation is exclusive: two processes starting together end up with the same key.
 * A key file readable by others is tightened to 0600.
 */
export async function loadOrCreateSigningKey(dataDir: string, alg: SigningAlgorithm = 'EdDSA'): Promise<SigningKeyMaterial> {
  const path = join(dataDir, SIGNING_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true });
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk = pick(jwk, [...PUBLIC_MEMBERS, 'd']);
  const kid = await calculateJwkThumbprint(pick(jwk, PUBLIC_MEMBERS));
  const contents = { version: 1, alg, kid, created_at: new Date().toISOString(), private_jwk: privateJwk };

  // Write a private temporary file, then hard-link it into place: the link fails if another
  // process got there first, and nobody ever reads a half-written key.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    const winner = await readKeyFile(path);
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temporary).catch(() => {});
  }
  return material(KeyFile.parse(contents), true);
}

async function readKeyFile(path: string): Promise<SigningKeyMaterial | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  let parsed;
  try {
    parsed = KeyFile.parse(JSON.parse(text));
  } catch (cause) {
    throw new Error(`${path} is not a valid Chatwire signing key file; move it away to generate a new key`, { cause });
  }
  if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
  return material(parsed, false);
}

function material(file: z.infer<typeof KeyFile>, created: boolean): SigningKeyMaterial {
  return {
    alg: file.alg,
    kid: file.kid,
    privateJwk: { ...file.private_jwk },
    publicJwk: { ...pick(file.private_jwk, PUBLIC_MEMBERS), kid: file.kid, alg: file.alg, use: 'sig' },
    created,
  };
}

function pick(jwk: JWK, members: readonly string[]): JWK {
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const value = (jwk as Record<string, unknown>)[member];
    if (value !== undefined) out[member] = value;
  }
  return out;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
