import { KAFKA_PRINCIPALS, KafkaPrincipal } from '@sealpost/contracts';
import type { KafkaIdentity } from '@sealpost/kafka/kafka-options';
import { findKafkaIdentity, provisionKafkaIdentity } from '@sealpost/platform/secrets/kafka-credential';

export type KafkaIdentities = Record<KafkaPrincipal, KafkaIdentity>;
export type ConfiguredKafkaPasswords = Partial<Record<KafkaPrincipal, string>>;

/** Every principal's identity for a broker we format: configured passwords, else generated files. */
export function provisionKafkaIdentities(configured: ConfiguredKafkaPasswords, secretsDir: string): KafkaIdentities {
  return Object.fromEntries(KAFKA_PRINCIPALS.map((p) => [p, provisionKafkaIdentity(p, configured[p], secretsDir)])) as KafkaIdentities;
}

/** The admin identity for a broker someone else runs, if the operator gave one. */
export function findAdminIdentity(configured: ConfiguredKafkaPasswords, secretsDir: string): KafkaIdentity | undefined {
  return findKafkaIdentity('admin', configured.admin, secretsDir);
}
