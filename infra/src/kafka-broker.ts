import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Daemon, portOpen } from './daemon';
import { InfraLayout, KAFKA_VERSION } from './layout';
import { Progress } from './progress';
import { requireTool } from './required-tool';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

export interface KafkaBrokerOptions {
  port: number;
  controllerPort: number;
}

/** The real Apache Kafka broker from Maven Central jars, KRaft single node on 127.0.0.1. */
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

  async start(): Promise<void> {
    if (this.daemon.isRunning()) {
      this.progress(`kafka: already running on ${this.brokers}`);
      return;
    }
    if (await portOpen('127.0.0.1', this.options.port)) {
      throw new Error(`port ${this.options.port} is taken by another process; stop it, or set KAFKA_BROKERS to use that broker`);
    }
    await this.provision();
    const config = this.writeConfig();
    const classpath = `${this.libDir}/*`;
    const jvm = ['-Xms256m', '-Xmx768m', `-Dlog4j.configuration=file:${join(this.dir, 'log4j.properties')}`, '-cp', classpath];
    if (!existsSync(join(this.dir, 'data', 'meta.properties'))) {
      this.progress('kafka: formatting KRaft storage');
      const clusterId = (await runCommand('java', [...jvm, 'kafka.tools.StorageTool', 'random-uuid'])).trim().split('\n').pop()!;
      await runCommand('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--ignore-formatted']);
    }
    this.progress(`kafka: starting broker on ${this.brokers}`);
    this.daemon.spawn('java', [...jvm, 'kafka.Kafka', config], this.dir);
    await this.waitReady();
    this.progress('kafka: ready');
  }

  async waitReady(timeoutMs = 90000): Promise<void> {
    const admin = new Kafka({ brokers: [this.brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
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

  private writeConfig(): string {
    const { port, controllerPort } = this.options;
    const file = join(this.dir, 'server.properties');
    writeFileSync(file, [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'inter.broker.listener.name=PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
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
    ].join('\n'));
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
