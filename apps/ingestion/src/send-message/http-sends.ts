import { Injectable } from '@nestjs/common';
import { GroupCommit } from '@sealpost/persistence';
import { AcceptMessageCommand, AcceptResult } from './accept-messages/accept-message.command';
import { AcceptMessagesUseCase } from './accept-messages/accept-messages.use-case';

/** the most HTTP sends accepted together: a batch's store writes and produces stay small */
const MAX_SENDS_TOGETHER = 100;

/**
 * HTTP sends go through the same batch path as a Kafka batch: the sends that arrive while one
 * group is being stored and published form the next group, so concurrent clients share one
 * insert, one outbox entry and one produce instead of paying for them one request at a time.
 */
@Injectable()
export class HttpSends {
  private readonly groups = new GroupCommit<AcceptMessageCommand, AcceptResult>(
    // nobody repeats an HTTP call for us: the outbox relay finishes a publish that fails here
    (commands) => this.acceptMessages.execute(commands, { callerGuaranteesPublish: false }),
    MAX_SENDS_TOGETHER,
  );

  constructor(private readonly acceptMessages: AcceptMessagesUseCase) {}

  accept(command: AcceptMessageCommand): Promise<AcceptResult> {
    return this.groups.commit(command);
  }
}
