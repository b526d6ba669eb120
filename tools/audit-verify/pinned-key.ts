import { existsSync, readFileSync } from 'node:fs';
import { publicKeyFromPem } from '@sealpost/crypto';

const RAW_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * The key to pin, from `--public-key`: a base64url raw Ed25519 public key, or a file holding one,
 * a PEM public key, or the audit service's signing key file (its public half is used).
 */
export function readPinnedKey(keyOrFile: string): string {
  if (RAW_KEY.test(keyOrFile)) return keyOrFile;
  if (!existsSync(keyOrFile)) throw new Error('--public-key is neither a base64url Ed25519 public key (43 characters) nor an existing file: pass the key, or the path of the audit signing key file (SEALPOST_AUDIT_SIGNING_KEY_FILE)');
  const text = readFileSync(keyOrFile, 'utf8').trim();
  if (RAW_KEY.test(text)) return text;
  try {
    return publicKeyFromPem(text);
  } catch {
    throw new Error(`--public-key ${keyOrFile} holds neither a base64url Ed25519 public key nor an Ed25519 PEM key: pass the audit signing key file or the checkpoints' public key`);
  }
}
