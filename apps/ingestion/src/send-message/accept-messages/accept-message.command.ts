import type { ApiError } from '@sealpost/platform';
import type { Business } from '../../businesses/business.schema';
import type { SendMessageRequest } from '../send-message.dto';

/** One send, from either entrance: a validated body from an authenticated business. */
export interface AcceptMessageCommand {
  business: Business;
  request: SendMessageRequest;
  /** the business's dedupe key (unique per business); none: the message is always new */
  idempotencyKey?: string;
  channel: 'http' | 'kafka';
  /** a paced Kafka submit's turn (its business is over its throughput): published then, not before */
  notBefore?: Date;
}

export interface AcceptOptions {
  /**
   * true when the caller repeats the whole call until it resolves, and treats nothing as done
   * before (a Kafka batch, whose offsets commit only after): a failed publish then simply throws.
   * false when nobody repeats it (an HTTP answer): the outbox relay finishes a failed publish.
   */
  callerGuaranteesPublish: boolean;
}

export interface AcceptedMessage {
  messageId: string;
  waId: string;
  duplicate: boolean;
}

/** Per command, in order: its message, or why it was refused (an ApiError with status 400). */
export type AcceptResult = { accepted: AcceptedMessage } | { refused: ApiError };
