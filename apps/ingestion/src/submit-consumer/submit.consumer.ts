import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Model } from 'mongoose';
import { TOPICS } from '@sealpost/contracts';
import { appSecretAad, decryptEnvelope, verifySha256 } from '@sealpost/crypto';
import { IncomingRecord, KafkaRuntime, parseJsonRecord, PoisonRecordError } from '@sealpost/kafka';
import { KeysClient } from '@sealpost/keys-client';
import { describeValidationErrors } from '@sealpost/platform';
import { Business } from '../businesses/business.schema';
import { BusinessRateLimiter } from '../rate-limit/business-rate-limiter';
import { AcceptMessageUseCase } from '../send-message/accept-message/accept-message.use-case';
import { SubmitRecord } from '../send-message/send-message.dto';
import { SubmissionRejection } from './submission-rejection';

/** A poison record that knows its business (so the business hears of the failure). */
class RejectedSubmission extends PoisonRecordError {
  constructor(reason: string, readonly business?: Business) {
    super(reason);
  }
}

/**
 * Business systems' Kafka entrance (CONTRACT §4): signed with the app secret, validated like
 * the HTTP body, paced to the business's throughput, deduplicated by client_message_id.
 */
@Injectable()
export class SubmitConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly keys: KeysClient,
    private readonly rateLimiter: BusinessRateLimiter,
    private readonly acceptMessage: AcceptMessageUseCase,
    private readonly rejection: SubmissionRejection,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'submit',
      topics: [TOPICS.messagesSubmit],
      partitionsConsumedConcurrently: 3,
      handle: (record) => this.handle(record),
      deadLetter: (record, error) => this.rejection.reject(record, error.reason, error instanceof RejectedSubmission ? error.business : undefined),
    });
  }

  private async handle(record: IncomingRecord): Promise<void> {
    const value = parseJsonRecord<Record<string, unknown>>(record.message);
    const phoneNumberId = typeof value.phone_number_id === 'string' ? value.phone_number_id : undefined;
    const business = phoneNumberId ? await this.businesses.findOne({ phone_number_id: phoneNumberId }).lean().exec() : null;
    if (!business) throw new RejectedSubmission('unknown or missing phone_number_id');

    const signature = record.message.headers?.['x-sealpost-signature']?.toString();
    if (!verifySha256(await this.appSecret(business), record.message.value!, signature)) {
      throw new RejectedSubmission('missing or invalid x-sealpost-signature', business);
    }

    const submission = plainToInstance(SubmitRecord, value);
    const errors = await validate(submission, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new RejectedSubmission(`invalid submission: ${describeValidationErrors(errors)}`, business);

    await this.rateLimiter.take(business.business_id, business.throughput_mps);
    try {
      await this.acceptMessage.execute(business, submission, submission.client_message_id, 'kafka');
    } catch (err) {
      if ((err as { getStatus?: () => number }).getStatus?.() === 400) throw new RejectedSubmission((err as { details?: string }).details ?? 'invalid submission', business);
      throw err;
    }
  }

  private async appSecret(business: Business): Promise<string> {
    const key = await this.keys.byKeyId(business.app_secret.key_id);
    return decryptEnvelope(key.key, business.app_secret, appSecretAad(business.business_id)).toString('utf8');
  }
}
