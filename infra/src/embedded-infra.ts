import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_SPECS } from '@sealpost/contracts';
import { ensureTopics } from '@sealpost/kafka/ensure-topics';
import { FerretDbServer } from './ferretdb-server';
import { KafkaBroker } from './kafka-broker';
import { InfraLayout } from './layout';
import { Progress } from './progress';

export interface InfraPorts {
  kafka: number;
  kafkaController: number;
  mongo: number;
}

export const DEFAULT_PORTS: InfraPorts = { kafka: 9092, kafkaController: 9093, mongo: 27017 };

export interface InfraEndpoints {
  kafkaBrokers: string;
  mongoUrl: string;
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

  constructor(
    layout: InfraLayout,
    ports: InfraPorts,
    private readonly progress: Progress,
    private readonly external: { kafkaBrokers?: string; mongoUrl?: string } = {},
  ) {
    this.kafka = new KafkaBroker(layout, { port: ports.kafka, controllerPort: ports.kafkaController }, progress);
    this.ferretdb = new FerretDbServer(layout, ports.mongo, progress);
  }

  get endpoints(): InfraEndpoints {
    return {
      kafkaBrokers: this.external.kafkaBrokers ?? this.kafka.brokers,
      mongoUrl: this.external.mongoUrl ?? this.ferretdb.url,
      embedded: { kafka: !this.external.kafkaBrokers, mongo: !this.external.mongoUrl },
    };
  }

  async start(): Promise<InfraEndpoints> {
    const started = Date.now();
    const { embedded } = this.endpoints;
    if (!embedded.kafka) this.progress(`kafka: using KAFKA_BROKERS=${this.external.kafkaBrokers}`);
    if (!embedded.mongo) this.progress('mongodb: using MONGO_URL from the environment');
    // provisioning (downloads, builds) of both in parallel; it is the slow part of a first run
    await Promise.all([embedded.kafka ? this.kafka.provision() : undefined, embedded.mongo ? this.ferretdb.provision() : undefined]);
    await Promise.all([embedded.kafka ? this.kafka.start() : undefined, embedded.mongo ? this.ferretdb.start() : undefined]);
    await this.createTopics();
    this.progress(`infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return this.endpoints;
  }

  /** Pre-creates every contract topic so no consumer ever subscribes to a missing one. */
  private async createTopics(): Promise<void> {
    const admin = new Kafka({ brokers: this.endpoints.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await ensureTopics(admin, TOPIC_SPECS);
    } finally {
      await admin.disconnect();
    }
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
