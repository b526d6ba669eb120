import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { appSecretAad, decryptEnvelope, verifySha256 } from '@sealpost/crypto';
import { decodeRecords, DecodedRecords, IncomingRecord, parseJsonRecord } from '@sealpost/kafka';
import { KeysClient } from '@sealpost/keys-client';
import { describeValidationErrors } from '@sealpost/platform';
import { BadJsonInput, parseStrictJson } from '@sealpost/platform/input/strict-json';
import { BusinessDirectory } from '../businesses/business-directory';
import { Business } from '../businesses/business.schema';
import { AcceptMessageCommand } from '../send-message/accept-messages/accept-message.command';
import { SubmitRecord } from '../send-message/message-content/message-request';
import { RejectedSubmission } from './rejected-submission';
import { submitRecordKey } from './submit-record-key';

interface Sender {
  business: Business;
  appSecret: string;
}

/**
 * Turns a batch of submit records into send commands: signed with the sender's app secret,
 * validated like the HTTP body. A refused record carries its reason and, once its signature
 * proved the sender, its business, which then gets a `failed` status.
 */
@Injectable()
export class SubmissionDecoder {
  constructor(
    private readonly businesses: BusinessDirectory,
    private readonly keys: KeysClient,
  ) {}

  async decode(records: readonly IncomingRecord[]): Promise<DecodedRecords<AcceptMessageCommand>> {
    const senders = await this.senders(records);
    return decodeRecords(records, (record) => decodeSubmission(record, senders));
  }

  /** The batch's senders, each looked up and its secret opened once per batch. */
  private async senders(records: readonly IncomingRecord[]): Promise<Map<string, Sender>> {
    const senders = new Map<string, Sender>();
    for (const phoneNumberId of new Set(records.flatMap(peekPhoneNumberId))) {
      const business = await this.businesses.find(phoneNumberId);
      if (business) senders.set(phoneNumberId, { business, appSecret: await this.appSecret(business) });
    }
    return senders;
  }

  private async appSecret(business: Business): Promise<string> {
    const key = await this.keys.byKeyId(business.app_secret.key_id);
    return decryptEnvelope(key.key, business.app_secret, appSecretAad(business.business_id)).toString('utf8');
  }
}

/**
 * The sender a record names, read ahead so the batch's senders are resolved before the
 * (synchronous) decoding; a value that is no JSON object is refused there, not here.
 */
function peekPhoneNumberId(record: IncomingRecord): string[] {
  try {
    const { phone_number_id } = parseJsonRecord<Record<string, unknown>>(record.message);
    return typeof phone_number_id === 'string' ? [phone_number_id] : [];
  } catch {
    return [];
  }
}

/** The record's value read as the HTTP body is: the same strict checks (UTF-8, depth, keys, surrogates), one JSON object. */
function submissionValue(record: IncomingRecord): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseStrictJson(record.message.value ?? Buffer.alloc(0));
  } catch (err) {
    throw new RejectedSubmission(err instanceof BadJsonInput ? err.message.replace('Request body', 'record value') : 'record value is not valid JSON', 'malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RejectedSubmission('record value is not a JSON object', 'malformed');
  return value as Record<string, unknown>;
}

function decodeSubmission(record: IncomingRecord, senders: ReadonlyMap<string, Sender>): AcceptMessageCommand {
  const value = submissionValue(record);
  const sender = typeof value.phone_number_id === 'string' ? senders.get(value.phone_number_id) : undefined;
  if (!sender) throw new RejectedSubmission('unknown or missing phone_number_id', 'unknown-sender');
  const { business, appSecret } = sender;

  const signature = record.message.headers?.['x-sealpost-signature']?.toString();
  // named but not proven: the business it names hears nothing of it (anyone with the shared login could name any business)
  if (!verifySha256(appSecret, record.message.value!, signature)) throw new RejectedSubmission('missing or invalid x-sealpost-signature', 'bad-signature');

  const submission = plainToInstance(SubmitRecord, value);
  const errors = validateSync(submission, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new RejectedSubmission(`invalid submission: ${describeValidationErrors(errors)}`, 'invalid-submission', business);
  return { business, request: submission, idempotencyKey: submission.client_message_id ?? submitRecordKey(record), channel: 'kafka' };
}
