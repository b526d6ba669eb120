import { SERVICE_NAMES, ServiceName, TOPIC_SPECS, TopicName } from './topics';

/**
 * Kafka identities (CONTRACT §2, §10): one SCRAM principal per service, one for business
 * producers, and the admin that provisions topics and ACLs.
 */
export const KAFKA_PRINCIPALS = ['admin', 'business', ...SERVICE_NAMES] as const;
export type KafkaPrincipal = (typeof KAFKA_PRINCIPALS)[number];

export const KAFKA_SASL_MECHANISM = 'scram-sha-512';

export function kafkaUserName(principal: KafkaPrincipal): string {
  return `sealpost-${principal}`;
}

export function kafkaPasswordVariable(principal: KafkaPrincipal): string {
  return `SEALPOST_KAFKA_${principal.toUpperCase()}_PASSWORD`;
}

/** Every consumer group of a service starts with this prefix (`sealpost-<service>.<consumer>`). */
export function consumerGroupPrefix(service: ServiceName): string {
  return `sealpost-${service}.`;
}

export interface TopicGrant {
  topic: TopicName;
  operation: 'read' | 'write';
}

/** Exactly what CONTRACT §10 lets a principal do: write what it produces, read what it consumes. */
export function topicGrants(principal: Exclude<KafkaPrincipal, 'admin'>): TopicGrant[] {
  return TOPIC_SPECS.flatMap((spec): TopicGrant[] => [
    ...((spec.producers as readonly string[]).includes(principal) ? [{ topic: spec.name, operation: 'write' as const }] : []),
    ...((spec.consumers as readonly string[]).includes(principal) ? [{ topic: spec.name, operation: 'read' as const }] : []),
  ]);
}
