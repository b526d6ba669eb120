import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { factEventId, MessageContent, MessagePlaintext, normalizePhoneNumber } from '@sealpost/contracts';
import { encryptEnvelope, messageAad, messageKey, pseudonymize } from '@sealpost/crypto';
import { AuditTrail } from '@sealpost/kafka';
import { DataKeyDestroyedError, KeysClient } from '@sealpost/keys-client';
import { ApiError, uniqueBy } from '@sealpost/platform';
import { AcceptedPublisher, MessageToPublish } from '../../messages/accepted-publisher';
import { newMessageId } from '../../messages/message-id';
import { Message } from '../../messages/message.schema';
import { MessageRepository, StoredMessage } from '../../messages/message.repository';
import { MAX_MESSAGE_AGE_MS } from '@sealpost/contracts';
import { PacedTurn, UnpublishedBatches } from '../../messages/unpublished-batches';
import { AcceptedMessage, AcceptMessageCommand, AcceptOptions, AcceptResult } from './accept-message.command';
import { MessageContents } from './message-contents';

interface Sealed {
  command: AcceptMessageCommand;
  waId: string;
  message: Message;
}

/**
 * The one way a message is accepted, for a batch of sends (one for HTTP, a Kafka batch for
 * submits): seal each, store all in one insert, audit the new ones, publish.
 * Encrypt at the door: the text and the number exist in clear only in this call's memory.
 * What is stored and emitted is the AES-GCM envelope, the recipient's pseudonym and metadata.
 */
@Injectable()
export class AcceptMessagesUseCase {
  private readonly logger = new Logger(AcceptMessagesUseCase.name);

  constructor(
    private readonly keys: KeysClient,
    private readonly messages: MessageRepository,
    private readonly unpublished: UnpublishedBatches,
    private readonly accepted: AcceptedPublisher,
    private readonly audit: AuditTrail,
    private readonly contents: MessageContents,
  ) {}

  async execute(commands: readonly AcceptMessageCommand[], options: AcceptOptions): Promise<AcceptResult[]> {
    const sealed: (Sealed | ApiError)[] = [];
    const contents = await this.contents.of(commands);
    // one after another: the keys client's cache then answers all but the first of a business's sends
    for (const [i, command] of commands.entries()) {
      const content = contents[i]!;
      sealed.push(content instanceof ApiError ? content : await this.seal(command, content));
    }
    const valid = sealed.filter((s): s is Sealed => !(s instanceof ApiError));
    // noted before the messages exist: a crash between the two must not leave a stored message unpublished
    const unpublished = options.callerGuaranteesPublish || valid.length === 0 ? undefined : await this.unpublished.open(valid.map((s) => s.message._id));
    const stored = await this.messages.appendAccepted(valid.map((s) => s.message));
    const accepted = valid.map((s, i) => ({ ...s, stored: stored[i]! }));
    await this.announce(accepted, options, unpublished);
    const results = new Map(accepted.map((a) => [a.command, { accepted: acceptedMessage(a) }]));
    return sealed.map((s) => (s instanceof ApiError ? { refused: s } : results.get(s.command)!));
  }

  /**
   * An audit event per message, then the accepted topic. The event id is the message's own, so
   * the audit log keeps one however often it is announced; a Kafka batch redelivered after a
   * crash between the insert and these produces announces its repeats again, lest they stay unaudited.
   */
  private async announce(accepted: (Sealed & { stored: StoredMessage })[], { callerGuaranteesPublish }: AcceptOptions, unpublished?: string): Promise<void> {
    // each message once, though several sends of a batch may share it (a repeated key)
    const announced = uniqueBy(
      accepted.filter(({ stored }) => callerGuaranteesPublish || stored.isNew).map(({ command, stored }) => ({ message: stored.message, business: command.business, channel: command.channel, notBefore: command.notBefore })),
      (e) => e.message.message_id,
    );
    await this.audit.recordMany(
      announced.map(({ business, channel, message }) => ({
        type: 'message.accepted',
        record: { actor: `business:${business.business_id}`, action: `send-message:${channel}`, target: message.message_id, outcome: 'success', detail: { recipient: message.recipient } },
        context: { businessId: business.business_id, correlationId: message.message_id, eventId: factEventId('audit', message.message_id, 'accepted') },
      })),
    );
    // the caller that does not guarantee the publish (HTTP) leaves its unpublished batch to the outbox relay
    if (unpublished) return this.publishOrDefer(announced, unpublished);
    // a paced submit waits in the outbox for its turn, and the batch moves on: no business holds up a partition
    await this.unpublished.defer(pacedTurns(announced.filter((e) => e.notBefore)));
    await this.accepted.publish(announced.filter((e) => !e.notBefore));
  }

  private async seal(command: AcceptMessageCommand, content: MessageContent): Promise<Sealed | ApiError> {
    const { business, request, idempotencyKey } = command;
    const waId = normalizePhoneNumber(request.to);
    if (!waId) return new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'to: not a valid phone number in E.164 form (country code required)');

    const messageId = newMessageId();
    const [epochKey, pseudonymKey] = await Promise.all([this.keys.currentKey('message', business.business_id), this.keys.pseudonymKey()]);
    // the number's lookup pseudonym finds the person's key; it stays between ingestion's memory and the keys service
    const lookup = pseudonymize(pseudonymKey.key, waId);
    // per-recipient key material and pseudonym: erasing this person deletes both, and with them
    // every copy of their messages and every link from the number to what was filed under the pseudonym
    const recipientKey = await this.keys.currentKey('recipient', lookup).catch((err: unknown) => {
      if (err instanceof DataKeyDestroyedError) return undefined;
      throw err;
    });
    // the person asked to be forgotten: nothing more is kept for them, so nothing is sent
    if (!recipientKey) return new ApiError(HttpStatus.BAD_REQUEST, 131026, 'Message undeliverable', 'this number was erased at its owner\'s request; it cannot receive messages');
    const recipient = recipientKey.pseudonym;
    if (!recipient) throw new Error(`recipient key ${recipientKey.key_id} came without its pseudonym; update the keys service`);
    const plaintext: MessagePlaintext = {
      to: waId,
      content,
      ...(request.biz_opaque_callback_data !== undefined && { biz_opaque_callback_data: request.biz_opaque_callback_data }),
    };
    const now = new Date();
    const message: Message = {
      _id: messageId,
      message_id: messageId,
      business_id: business.business_id,
      phone_number_id: business.phone_number_id,
      recipient,
      recipient_key_id: recipientKey.key_id,
      idempotency_key: idempotencyKey ?? `auto:${messageId}`,
      sealed: encryptEnvelope(messageKey(epochKey.key, recipientKey.key), Buffer.from(JSON.stringify(plaintext)), messageAad(messageId, business.business_id), { keyId: epochKey.key_id, keyVersion: epochKey.version }),
      accepted_at: now,
      expires_at: new Date(now.getTime() + MAX_MESSAGE_AGE_MS),
    };
    return { command, waId, message };
  }

  /**
   * Published, then the batch's outbox entry closed: if Kafka is down now, the outbox relay
   * publishes them later. (A Kafka submit needs no entry: its consumer commits only after this
   * call resolved, and a crash before that redelivers the batch, which publishes again.)
   */
  private async publishOrDefer(entries: MessageToPublish[], unpublished: string): Promise<void> {
    try {
      await this.accepted.publish(entries);
      await this.unpublished.close(unpublished);
    } catch (err) {
      this.logger.warn({ messages: entries.map(({ message }) => message.message_id), error: (err as Error).message }, 'publish deferred to the outbox relay');
    }
  }
}

/** A paced business's messages of one second go out together, as a token bucket's burst would. */
function pacedTurns(paced: readonly { message: Message; notBefore?: Date }[]): PacedTurn[] {
  const turns = new Map<string, PacedTurn>();
  for (const { message, notBefore } of paced) {
    const key = `${message.business_id}:${Math.floor(notBefore!.getTime() / 1000)}`;
    const turn = turns.get(key) ?? turns.set(key, { businessId: message.business_id, messageIds: [], dueAt: notBefore! }).get(key)!;
    turn.messageIds.push(message.message_id);
  }
  return [...turns.values()];
}

function acceptedMessage({ waId, stored }: { waId: string; stored: StoredMessage }): AcceptedMessage {
  return { messageId: stored.message.message_id, waId, duplicate: !stored.isNew };
}
