import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KafkaPrincipal, kafkaPasswordVariable, kafkaUserName } from '@sealpost/contracts';
import type { KafkaIdentity } from '@sealpost/kafka';
import { readOrCreateSecretFile } from './secret-file';

// the broker's storage tool and JAAS config parse these; keep them to characters neither quotes nor splits
const PASSWORD_SHAPE = /^[A-Za-z0-9._~-]{12,}$/;

export function kafkaPasswordFile(dataDir: string, principal: KafkaPrincipal): string {
  return resolve(join(dataDir, 'credentials', `kafka-${principal}.password`));
}

function identity(principal: KafkaPrincipal, password: string, source: string): KafkaIdentity {
  if (!PASSWORD_SHAPE.test(password)) {
    throw new Error(`${source} must hold 12 or more letters, digits, '.', '_', '~' or '-'`);
  }
  return { username: kafkaUserName(principal), password, source };
}

/**
 * For whoever provisions the broker: SEALPOST_KAFKA_<NAME>_PASSWORD when set, otherwise a
 * password generated once into <data dir>/credentials/kafka-<name>.password (mode 0600).
 */
export function provisionKafkaIdentity(principal: KafkaPrincipal, configured: string | undefined, dataDir: string): KafkaIdentity {
  if (configured) return identity(principal, configured, kafkaPasswordVariable(principal));
  const file = kafkaPasswordFile(dataDir, principal);
  const password = readOrCreateSecretFile(file, () => Buffer.from(randomBytes(24).toString('base64url')), { createDir: true, variable: 'SEALPOST_DATA_DIR' });
  return identity(principal, password.toString('utf8').trim(), file);
}

/**
 * For a client: its variable, else the file the provisioning wrote; neither means the broker
 * does not enforce identities and the client connects without SASL.
 */
export function findKafkaIdentity(principal: KafkaPrincipal, configured: string | undefined, dataDir: string): KafkaIdentity | undefined {
  if (configured) return identity(principal, configured, kafkaPasswordVariable(principal));
  const file = kafkaPasswordFile(dataDir, principal);
  return existsSync(file) ? identity(principal, readFileSync(file, 'utf8').trim(), file) : undefined;
}
