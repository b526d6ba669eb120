import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_SPECS } from '@sealpost/contracts';
import { ensureTopics } from '@sealpost/kafka/ensure-topics';
import type { KafkaIdentity } from '@sealpost/kafka/kafka-options';
import { saslFor } from '@sealpost/kafka/kafka-sasl';
import { FerretDbServer } from './ferretdb-server';
import { applyKafkaAcls } from './kafka-acls';
import { KafkaBroker } from './kafka-broker';
import { ConfiguredKafkaPasswords, findAdminIdentity, KafkaIdentities, provisionKafkaIdentities } from './kafka-identities';
import { InfraLayout } from './layout';
import { Progress } from './progress';

export interface InfraPorts {
  kafka: number;
  kafkaController: number;
  mongo: number;
  /** the PostgreSQL server under the embedded FerretDB (loopback only) */
  postgres: number;
}

export const DEFAULT_PORTS: InfraPorts = { kafka: 9092, kafkaController: 9093, mongo: 27017, postgres: 27432 };

export interface InfraEndpoints {
  kafkaBrokers: string;
  mongoUrl: string;
  /** the broker's identities when it enforces them (the embedded one always does) */
  kafkaIdentities?: Partial<KafkaIdentities>;
  /** false when KAFKA_BROKERS / MONGO_URL pointed at servers we do not manage */
  embedded: { kafka: boolean; mongo: boolean };
}

/**
 * The embedded default: a real Kafka broker and FerretDB, provisioned into the project's
 * git-ignored folder. Servers named by KAFKA_BROKERS / MONGO_URL are used as they are.
 */
export class EmbeddedInfra {
  readonly kafka: KafkaBroker;
  readonly ferretdb: FerretDbServer;
  private identities?: Partial<KafkaIdentities>;

  constructor(
    private readonly layout: InfraLayout,
    ports: InfraPorts,
    private readonly progress: Progress,
    private readonly external: { kafkaBrokers?: string; mongoUrl?: string; kafkaPasswords?: ConfiguredKafkaPasswords } = {},
  ) {
    this.kafka = new KafkaBroker(layout, { port: ports.kafka, controllerPort: ports.kafkaController }, progress);
    this.ferretdb = new FerretDbServer(layout, ports, progress);
  }

  get endpoints(): InfraEndpoints {
    return {
      kafkaBrokers: this.external.kafkaBrokers ?? this.kafka.brokers,
      mongoUrl: this.external.mongoUrl ?? this.ferretdb.url,
      kafkaIdentities: this.kafkaIdentities(),
      embedded: { kafka: !this.external.kafkaBrokers, mongo: !this.external.mongoUrl },
    };
  }

  /** Ours: every principal, created when the storage is formatted. Someone else's: the admin, if given. */
  private kafkaIdentities(): Partial<KafkaIdentities> | undefined {
    if (this.identities === undefined) {
      const configured = this.external.kafkaPasswords ?? {};
      const admin = this.external.kafkaBrokers ? findAdminIdentity(configured, this.layout.secretsDir) : undefined;
      this.identities = this.external.kafkaBrokers ? admin && { admin } : provisionKafkaIdentities(configured, this.layout.secretsDir);
    }
    return this.identities;
  }

  async start(): Promise<InfraEndpoints> {
    const started = Date.now();
    const { embedded } = this.endpoints;
    if (!embedded.kafka) this.progress(`kafka: using KAFKA_BROKERS=${this.external.kafkaBrokers}`);
    if (!embedded.mongo) this.progress('mongodb: using MONGO_URL from the environment');
    // provisioning (downloads, builds) of both in parallel; it is the slow part of a first run
    await Promise.all([embedded.kafka ? this.kafka.provision() : undefined, embedded.mongo ? this.ferretdb.provision() : undefined]);
    const identities = this.kafkaIdentities();
    await Promise.all([embedded.kafka ? this.kafka.start(identities as KafkaIdentities) : undefined, embedded.mongo ? this.ferretdb.start() : undefined]);
    await this.provisionKafka(identities?.admin);
    this.progress(`infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return this.endpoints;
  }

  /**
   * As the admin: pre-creates every contract topic (so no consumer subscribes to a missing one),
   * re-applies their retention bound, and sets each principal's ACLs to what CONTRACT §10 allows.
   */
  private async provisionKafka(adminIdentity: KafkaIdentity | undefined): Promise<void> {
    const admin = new Kafka({ brokers: this.endpoints.kafkaBrokers.split(','), sasl: saslFor(adminIdentity), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await ensureTopics(admin, TOPIC_SPECS);
      if (adminIdentity) this.progress(`kafka: ${await applyKafkaAcls(admin)} ACL entries in force`);
    } finally {
      await admin.disconnect();
    }
  }

  /** Restarts a stopped embedded broker (fault tests). */
  async startKafka(): Promise<void> {
    await this.kafka.start(this.kafkaIdentities() as KafkaIdentities);
  }

  async stop(): Promise<void> {
    await Promise.all([this.kafka.stop(), this.ferretdb.stop()]);
  }

  status(): { kafka: string; ferretdb: string } {
    const describe = (running: boolean, pid: number | undefined, where: string) => (running ? `running (pid ${pid}) on ${where}` : 'stopped');
    return {
      kafka: describe(this.kafka.daemon.isRunning(), this.kafka.daemon.pid(), this.kafka.brokers),
      ferretdb: describe(this.ferretdb.daemon.isRunning(), this.ferretdb.daemon.pid(), this.ferretdb.url),
    };
  }
}
