import type { KafkaPrincipal } from '@sealpost/contracts';
import type { KafkaIdentity } from '@sealpost/kafka/kafka-options';

/** What e2e suites know about the infrastructure Jest's global setup started. */
export interface TestInfraInfo {
  provider: 'embedded' | 'containers';
  kafkaBrokers: string;
  /** every principal's identity where the broker enforces them (the embedded one does) */
  kafkaIdentities?: Partial<Record<KafkaPrincipal, KafkaIdentity>>;
  mongoUrl: string;
  /** embedded: the state folder whose pid files control the broker and store */
  stateDir?: string;
  /** containers: ids, to stop and restart them */
  containers?: { kafka: string; mongo: string };
}

/** Stops and restarts the broker or the store under a running suite (readiness and fault tests). */
export interface TestInfraControl {
  stopKafka(): Promise<void>;
  startKafka(): Promise<void>;
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
  /** what the operator's next start does as the Kafka admin: topics, their retention bound, ACLs */
  reprovisionKafka(): Promise<void>;
}
