import { Injectable, OnModuleInit } from '@nestjs/common';
import { TOPICS } from '@sealpost/contracts';
import { IncomingRecord, KafkaRuntime, RecordRejection } from '@sealpost/kafka';
import { BusinessRateLimiter } from '../rate-limit/business-rate-limiter';
import { UnpublishedBatches } from '../messages/unpublished-batches';
import { AcceptMessageCommand } from '../send-message/accept-messages/accept-message.command';
import { AcceptMessagesUseCase } from '../send-message/accept-messages/accept-messages.use-case';
import { RejectedSubmission } from './rejected-submission';
import { SubmissionDecoder } from './submission-decoder';
import { SubmissionRejection } from './submission-rejection';

/**
 * Business systems' Kafka entrance (CONTRACT §4), a batch at a time: signed with the app secret,
 * validated like the HTTP body, paced to the business's throughput without holding up other
 * businesses on the partition, deduplicated by
 * client_message_id (or, without one, by the record's place in the log).
 */
@Injectable()
export class SubmitConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly decoder: SubmissionDecoder,
    private readonly rateLimiter: BusinessRateLimiter,
    private readonly acceptMessages: AcceptMessagesUseCase,
    private readonly rejection: SubmissionRejection,
    private readonly unpublished: UnpublishedBatches,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'submit',
      topics: [TOPICS.messagesSubmit],
      partitionsConsumedConcurrently: 3,
      handleBatch: (records) => this.handle(records),
      deadLetter: (record, error) => this.rejection.reject(record, error),
    });
  }

  private async handle(records: readonly IncomingRecord[]): Promise<RecordRejection[]> {
    const { decoded, rejected } = await this.decoder.decode(records);
    const results = await this.acceptMessages.execute(await this.pace(decoded.map(({ command }) => command)), { callerGuaranteesPublish: true });
    // a send the use case refuses (a bad number) is that record's rejection, not the batch's failure
    const refused = decoded.flatMap(({ record, command }, i) => {
      const result = results[i]!;
      return 'refused' in result ? [{ record, error: new RejectedSubmission(result.refused.details ?? 'invalid submission', 'refused-send', command.business, { code: result.refused.code, title: result.refused.message }) }] : [];
    });
    return [...rejected, ...refused];
  }

  /**
   * Each submit's turn at its business's throughput, in offset order: one over it waits in the
   * outbox for its turn (never dropped), and so does every later one of a business with turns
   * still waiting there, whichever instance queued them, so that none overtakes them.
   */
  private async pace(commands: AcceptMessageCommand[]): Promise<AcceptMessageCommand[]> {
    const queued = await this.unpublished.pacedBusinesses();
    const now = Date.now();
    return commands.map((command) => {
      const { business_id, throughput_mps } = command.business;
      const turn = this.rateLimiter.reserve(business_id, throughput_mps, now);
      if (turn.getTime() <= now && !queued.has(business_id)) return command;
      queued.add(business_id);
      return { ...command, notBefore: turn };
    });
  }
}
