import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { saslFor } from '@sealpost/kafka/kafka-sasl';
import { Daemon, portOpen } from './daemon';
import { KafkaIdentities } from './kafka-identities';
import { InfraLayout, KAFKA_VERSION } from './layout';
import { Progress } from './progress';
import { requireTool } from './required-tool';
import { javaArgFile } from './java-argfile';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

export interface KafkaBrokerOptions {
  port: number;
  controllerPort: number;
}

// storage formatted with SCRAM users carries this marker; older plaintext storage is reformatted
const IDENTITIES_MARKER = 'scram-identities';

/** Tells whether the configured credentials are the ones the storage was formatted with. */
function identitiesFingerprint(identities: KafkaIdentities): string {
  const users = Object.values(identities).map((id) => [id.username, id.password]).sort();
  return createHash('sha256').update(JSON.stringify(users)).digest('hex');
}

/**
 * The real Apache Kafka broker from Maven Central jars, KRaft single node on 127.0.0.1.
 * Clients authenticate with SASL/SCRAM-SHA-512 (users created when the storage is formatted)
 * and the StandardAuthorizer denies whatever no ACL allows; `sealpost-admin` is the super user.
 */
export class KafkaBroker {
  readonly daemon: Daemon;
  private readonly dir: string;

  constructor(
    private readonly layout: InfraLayout,
    private readonly options: KafkaBrokerOptions,
    private readonly progress: Progress,
  ) {
    this.dir = join(layout.stateDir, 'kafka');
    mkdirSync(this.dir, { recursive: true });
    this.daemon = new Daemon('kafka', join(this.dir, 'kafka.pid'), join(this.dir, 'kafka.log'));
  }

  get brokers(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  private get libDir(): string {
    return join(this.layout.cacheDir, `kafka-${KAFKA_VERSION}`, 'lib');
  }

  async provision(): Promise<void> {
    requireTool('java');
    const marker = join(this.libDir, '.complete');
    if (existsSync(marker)) return;
    requireTool('mvn');
    this.progress(`kafka: fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central (first run only)…`);
    mkdirSync(this.libDir, { recursive: true });
    await runCommand('mvn', [
      '-q', '-B', '-f', join(this.layout.projectRoot, 'infra', 'kafka', 'pom.xml'),
      'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${this.libDir}`,
    ]);
    writeFileSync(marker, KAFKA_VERSION);
    this.progress('kafka: jars cached');
  }

  async start(identities: KafkaIdentities): Promise<void> {
    if (this.daemon.isRunning()) {
      this.progress(`kafka: already running on ${this.brokers}`);
      return;
    }
    if (await portOpen('127.0.0.1', this.options.port)) {
      throw new Error(`port ${this.options.port} is taken by another process; stop it, or set KAFKA_BROKERS to use that broker`);
    }
    await this.provision();
    const config = this.writeConfig(identities);
    const classpath = `${this.libDir}/*`;
    const jvm = ['-Xms256m', '-Xmx768m', `-Dlog4j.configuration=file:${join(this.dir, 'log4j.properties')}`, '-cp', classpath];
    await this.format(jvm, config, identities);
    this.progress(`kafka: starting broker on ${this.brokers} (SASL/SCRAM-SHA-512, ACLs enforced)`);
    this.daemon.spawn('java', [...jvm, 'kafka.Kafka', config], this.dir);
    await this.waitReady(identities);
    this.progress('kafka: ready');
  }

  /** SCRAM credentials live in the cluster metadata, so every user is created at format time. */
  private async format(jvm: string[], config: string, identities: KafkaIdentities): Promise<void> {
    const dataDir = join(this.dir, 'data');
    const marker = join(this.dir, IDENTITIES_MARKER);
    const fingerprint = identitiesFingerprint(identities);
    if (existsSync(join(dataDir, 'meta.properties')) && existsSync(marker)) {
      if (readFileSync(marker, 'utf8').trim() === fingerprint) return;
      throw new Error(
        `Kafka's storage in ${dataDir} was formatted with other SCRAM credentials: a SEALPOST_KAFKA_<NAME>_PASSWORD or a credentials/kafka-*.password file changed since. ` +
          `Restore it, or run \`npm run infra -- stop\` and delete ${this.dir} to start over (its topics are lost).`,
      );
    }
    if (existsSync(dataDir)) {
      this.progress('kafka: storage predates Kafka identities; reformatting it (its topics are discarded)');
      rmSync(dataDir, { recursive: true, force: true });
    }
    this.progress(`kafka: formatting KRaft storage with ${Object.keys(identities).length} SCRAM users`);
    const clusterId = (await runCommand('java', [...jvm, 'kafka.tools.StorageTool', 'random-uuid'])).trim().split('\n').pop()!;
    const users = Object.values(identities).flatMap((id) => ['--add-scram', `SCRAM-SHA-512=[name=${id.username},password=${id.password}]`]);
    // the passwords go in an argument file (0600, deleted after), never on a command line others can read
    const argFile = join(this.dir, 'format.args');
    rmSync(argFile, { force: true });
    writeFileSync(argFile, javaArgFile(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--ignore-formatted', ...users]), { mode: 0o600 });
    try {
      await runCommand('java', [...jvm, `@${argFile}`]);
    } finally {
      rmSync(argFile, { force: true });
    }
    writeFileSync(marker, `${fingerprint}\n`);
  }

  async waitReady(identities: KafkaIdentities, timeoutMs = 90000): Promise<void> {
    const admin = new Kafka({ brokers: [this.brokers], sasl: saslFor(identities.admin), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    try {
      await waitFor('the Kafka broker', async () => {
        if (!this.daemon.isRunning()) throw new Error(`kafka exited:\n${this.daemon.logTail()}`);
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      }, timeoutMs, 500);
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    if (await this.daemon.stop(30000)) this.progress('kafka: stopped');
  }

  /** Holds the admin's password (inter-broker and controller logins), so it is written 0600. */
  private writeConfig(identities: KafkaIdentities): string {
    const { port, controllerPort } = this.options;
    const admin = identities.admin;
    const file = join(this.dir, 'server.properties');
    rmSync(file, { force: true });
    writeFileSync(file, [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`,
      'inter.broker.listener.name=SASL_PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      'sasl.enabled.mechanisms=SCRAM-SHA-512',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
      `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
      // KRaft keeps SCRAM users in the metadata the controller serves, so the controller listener
      // authenticates with PLAIN against this file instead; no anonymous principal exists anywhere
      'sasl.mechanism.controller.protocol=PLAIN',
      'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
      `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}" user_${admin.username}="${admin.password}";`,
      'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      `super.users=User:${admin.username}`,
      'allow.everyone.if.no.acl.found=false',
      `log.dirs=${join(this.dir, 'data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      // services create their topics explicitly, with partitions and retention
      'auto.create.topics.enable=false',
      // the broker-wide ceiling matches the 30-day promise for any topic created without one
      'log.retention.hours=720',
      'log.segment.ms=86400000',
      'log.retention.check.interval.ms=60000',
      '',
    ].join('\n'), { mode: 0o600 });
    writeFileSync(join(this.dir, 'log4j.properties'), [
      'log4j.rootLogger=INFO, stdout',
      'log4j.logger.kafka=INFO',
      'log4j.logger.org.apache.kafka=WARN',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'));
    return file;
  }
}
