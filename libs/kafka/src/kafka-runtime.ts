import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { TopicName, topicsTouchedBy } from '@sealpost/contracts';
import { AuditTrail } from './audit-trail';
import { ensureTopics, requireTopics } from './ensure-topics';
import { isAuthenticationFailure } from './authentication-failure';
import { KAFKA_CLIENT } from './kafka-client.provider';
import { KAFKA_OPTIONS, KafkaIdentity, KafkaOptions } from './kafka-options';
import { KafkaPublisher } from './kafka-publisher';
import { IncomingRecord, KafkaSubscription } from './kafka-subscription';
import { reportMembership } from './report-membership';
import type { PoisonRecordError } from './poison-record.error';
import { settleRecords } from './settle-records';
import { withTimeout } from './with-timeout';

const SLOW_HANDLER_MS = 30000;
/** well within the session timeout (30 s); kafkajs sends at most one per heartbeatInterval (3 s) anyway */
const HEARTBEAT_WHILE_HANDLING_MS = 3000;
/**
 * records per handler call: one store write and one produce each, and a few seconds of work at
 * most, since the member heartbeats between slices and its group evicts it after a 15 s silence
 * (500-record slices took longer on a filled store, and the consumer never got past them)
 */
export const MAX_BATCH_RECORDS = 200;
/** the most code points of reason an audit event of a set-aside record keeps (the reasons are Sealpost's own, well-formed texts) */
const MAX_SET_ASIDE_REASON = 200;
/** a consumer caught reconnecting after a broker outage must not hold a shutdown for long */
const DISCONNECT_BOUND_MS = 4000;

/** Where a record sits, for log lines (never its content). */
const placeOf = (record: IncomingRecord) => ({ topic: record.topic, partition: record.partition, offset: record.message.offset });

/**
 * Connects the service to Kafka in the background: the HTTP server starts at once and
 * reports not-ready until topics exist, the producer is connected and consumers run.
 */
@Injectable()
export class KafkaRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaRuntime.name);
  private readonly subscriptions: KafkaSubscription[] = [];
  private readonly consumers: Consumer[] = [];
  private producer?: Producer;
  private stopping = false;
  /** when any handler of this service last settled records: the evidence that a lone failing record fails for its own reasons */
  private lastSettledAt = 0;
  private consumersLeft?: Promise<number>;
  private connected = false;
  private readonly fatalListeners: ((message: string) => void)[] = [];

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaOptions,
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
  ) {}

  /** Features call this from their constructor or onModuleInit. */
  register(subscription: KafkaSubscription): void {
    this.subscriptions.push(subscription);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Called once when retrying cannot help (the broker rejects this service's credentials). */
  onFatal(listener: (message: string) => void): void {
    this.fatalListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    void this.connectWithRetry();
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        await this.connect();
        this.connected = true;
        this.logger.log(`connected to Kafka, ${this.subscriptions.length} consumer(s) running`);
        return;
      } catch (err) {
        if (isAuthenticationFailure(err) && this.options.identity) return this.fail(this.options.identity);
        this.logger.warn(`Kafka not reachable yet (attempt ${attempt}): ${(err as Error).message}; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * attempt)));
      }
    }
  }

  private fail(identity: KafkaIdentity): void {
    const message =
      `Kafka rejected the credentials of ${identity.username} (SASL/SCRAM-SHA-512). The password comes from ${identity.source}: ` +
      'make it the one the broker was provisioned with (the same variable or file where the infrastructure runs), then start the service again';
    this.logger.error(message);
    for (const listener of this.fatalListeners) listener(message);
  }

  private async connect(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = topicsTouchedBy(this.options.service);
      // with an identity, topics and their retention are the provisioning admin's job, not ours
      await (this.options.identity ? requireTopics(admin, topics) : ensureTopics(admin, topics));
    } finally {
      await admin.disconnect();
    }
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
      this.publisher.attach(producer);
    }
    for (const sub of this.subscriptions.slice(this.consumers.length)) {
      this.consumers.push(await this.startConsumer(sub));
    }
  }

  private async startConsumer(sub: KafkaSubscription): Promise<Consumer> {
    // a crashed member's partitions move on after 15 s instead of kafkajs's 30 s default; an idle
    // fetch returns within 1 s (not 5), so a graceful stop leaves the group inside its 4 s bound
    // and the next instance need not wait out the session
    const consumer = this.kafka.consumer({
      groupId: this.groupId(sub),
      allowAutoTopicCreation: false,
      sessionTimeout: 15000,
      heartbeatInterval: 1500,
      maxWaitTimeInMs: 1000,
    });
    // rebalances are rare and explain most gaps in consumption: each join is logged with its partitions
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.logger.log({ group: payload.groupId, partitions: payload.memberAssignment }, 'joined consumer group'));
    if (sub.membership) reportMembership(consumer, sub.membership);
    await consumer.connect();
    await consumer.subscribe({ topics: sub.topics, fromBeginning: sub.fromBeginning ?? true });
    await consumer.run({
      partitionsConsumedConcurrently: sub.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.processBatch(sub, payload),
    });
    return consumer;
  }

  private groupId(sub: KafkaSubscription): string {
    return `sealpost-${this.options.service}.${sub.name}`;
  }

  /**
   * Hands a fetched batch to the handler in slices of at most MAX_BATCH_RECORDS, committing after
   * each: a rebalance or stop between slices loses no finished work and redoes little.
   */
  private async processBatch(sub: KafkaSubscription, { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = batch.topic as TopicName;
    for (let from = 0; from < batch.messages.length; from += MAX_BATCH_RECORDS) {
      if (!isRunning() || isStale()) return;
      const slice = batch.messages.slice(from, from + MAX_BATCH_RECORDS).map((message) => ({ topic, partition: batch.partition, message }));
      await this.process(sub, slice, heartbeat);
      resolveOffset(slice[slice.length - 1]!.message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /**
   * Runs one slice's handler, heartbeating while it runs and warning every 30 s while it has not
   * settled. kafkajs heartbeats only between batches: a handler longer than the session timeout
   * (a purge scanning a large collection under load) would otherwise lose its partition, and the
   * next owner would start the same records again, and again.
   */
  private async process(sub: KafkaSubscription, records: IncomingRecord[], heartbeat: () => Promise<void>): Promise<void> {
    // a handler that never settles stalls the whole consumer: kafkajs drains every worker before fetching again
    const started = Date.now();
    const where = placeOf(records[0]!);
    const watch = setInterval(() => this.logger.warn({ ...where, records: records.length, seconds: Math.round((Date.now() - started) / 1000) }, 'handler still running'), SLOW_HANDLER_MS);
    // a rebalance makes it throw: the handler finishes, and the commit after it is refused
    const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_WHILE_HANDLING_MS);
    try {
      await this.retryInPlace(sub, records, heartbeat);
    } finally {
      clearInterval(watch);
      clearInterval(beat);
    }
  }

  /** See settleRecords: transient failures retry in place, a record failing for a reason of its own is set aside. */
  private retryInPlace(sub: KafkaSubscription, records: IncomingRecord[], heartbeat: () => Promise<void>): Promise<void> {
    return settleRecords(records, {
      handle: async (slice) => {
        const rejected = await sub.handleBatch(slice);
        this.lastSettledAt = Date.now();
        return rejected;
      },
      othersSettledSince: (since) => this.lastSettledAt > since,
      deadLetter: (record, error) => this.deadLetter(sub, record, error),
      heartbeat,
      stopping: () => this.stopping,
      retrying: (slice, attempt, error) => {
        if (attempt <= 5 || attempt % 20 === 0) this.logger.warn({ ...placeOf(slice[0]!), records: slice.length, attempt, error: (error as Error).message }, 'handler failed; retrying');
      },
    });
  }

  /**
   * A record set aside goes to its consumer's dead-letter topic; one whose consumer has none
   * (internal topics) leaves an audit event saying where it was and why, in Sealpost's words:
   * compliance sees every record that was passed over, and none of its content.
   */
  private async deadLetter(sub: KafkaSubscription, record: IncomingRecord, err: PoisonRecordError): Promise<void> {
    this.logger.warn({ ...placeOf(record), reason: err.reason }, 'poison record set aside');
    if (sub.deadLetter) return sub.deadLetter(record, err);
    const where = `${record.topic}/${record.partition}@${record.message.offset}`;
    await this.audit.record('record.set_aside', { actor: `consumer:${sub.name}`, action: 'consume', target: where, outcome: 'failure', detail: { reason: Array.from(err.reason).slice(0, MAX_SET_ASIDE_REASON).join('') } }, { correlationId: where });
  }

  /** Leaves the consumer groups while other shutdown work (in-flight deliveries) finishes. */
  beforeApplicationShutdown(): void {
    this.consumersLeft = this.leaveGroups();
  }

  async onApplicationShutdown(): Promise<void> {
    const stuck = (await (this.consumersLeft ?? this.leaveGroups())) + (await this.bounded(this.producer?.disconnect(), 'producer disconnect'));
    this.logger.log(stuck === 0 ? 'disconnected from Kafka' : `disconnected from Kafka (${stuck} client(s) did not answer in time)`);
  }

  /** Resolves to the number of consumers that did not disconnect in time. */
  private async leaveGroups(): Promise<number> {
    this.stopping = true;
    for (const sub of this.subscriptions) sub.membership?.left();
    const stuck = await Promise.all(this.consumers.map((c) => this.bounded(c.disconnect(), 'consumer disconnect')));
    return stuck.reduce((a, b) => a + b, 0);
  }

  /** 1 when the client did not answer within the bound, else 0. */
  private bounded(disconnect: Promise<void> | undefined, what: string): Promise<number> {
    return disconnect ? withTimeout(disconnect, DISCONNECT_BOUND_MS, what).then(() => 0, () => 1) : Promise.resolve(0);
  }
}
