import type { Producer } from 'kafkajs';
import { TOPICS } from '@sealpost/contracts';
import { OnboardedBusiness, textMessage } from '@sealpost/testing';
import type { BenchOptions } from './bench-options';
import { HttpSubmitter } from './http-submitter';
import { KafkaPacing, KafkaSubmitter } from './kafka-submitter';
import { benchTag, signedSubmitRecord } from './submit-records';

/** What a phase's submitter needs: message i goes to phones[i % phones.length]. */
export interface SubmitContext {
  /** connected as the business principal */
  producer: Producer;
  business: OnboardedBusiness;
  phones: readonly string[];
  ingestionOrigin: string;
}

export function kafkaSubmitter(ctx: SubmitContext, prefix: string, total: number, pacing: KafkaPacing): KafkaSubmitter {
  const record = (i: number) => signedSubmitRecord(ctx.business, ctx.phones[i % ctx.phones.length], benchTag(prefix, i));
  return new KafkaSubmitter(ctx.producer, TOPICS.messagesSubmit, total, record, pacing);
}

export function httpSubmitter(ctx: SubmitContext, prefix: string, total: number, clients: number, rate?: number): HttpSubmitter {
  const send = (i: number) => {
    const tag = benchTag(prefix, i);
    return { body: JSON.stringify(textMessage(ctx.phones[i % ctx.phones.length], tag)), idempotencyKey: tag };
  };
  const target = { origin: ctx.ingestionOrigin, phoneNumberId: ctx.business.phone_number_id, accessToken: ctx.business.access_token };
  return new HttpSubmitter(target, total, send, clients, rate);
}

/** The measured run's submitter, as the options ask. */
export function measuredSubmitter(ctx: SubmitContext, prefix: string, options: BenchOptions): KafkaSubmitter | HttpSubmitter {
  if (options.http) return httpSubmitter(ctx, prefix, options.messages, options.clients, options.rate);
  return kafkaSubmitter(ctx, prefix, options.messages, options.rate === undefined ? { batch: options.batch } : { rate: options.rate, maxBatch: options.batch });
}

export function describeMode(options: BenchOptions): string {
  if (options.media) return `media, ${options.clients} uploaders, images of ${options.mediaBytes} B`;
  if (options.inbound) return `inbound, ${options.recipients} device${options.recipients === 1 ? '' : 's'} writing one message at a time each`;
  const pace = options.rate === undefined ? 'as fast as possible' : `open loop at ${options.rate} msg/s`;
  return options.http ? `http, ${options.clients} clients, ${pace}` : `kafka, ${options.rate === undefined ? `batches of ${options.batch}, ` : ''}${pace}`;
}
