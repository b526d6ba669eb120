import { Injectable } from '@nestjs/common';
import { MessageRepository } from '../../messages/message.repository';
import { statusChanges, StatusStep } from './status-changes';

/**
 * Feeds the status view from delivery's events; a status only ever moves forward. A batch's
 * steps become one conditional update per message: the store keeps a stored status that is
 * already as far or further, so no read comes first, and a redelivered batch changes nothing.
 */
@Injectable()
export class ApplyStatusEventsUseCase {
  constructor(private readonly messages: MessageRepository) {}

  /** `steps` in offset order: one message's events share a partition, so this is the order delivery made them. */
  async execute(steps: readonly StatusStep[]): Promise<void> {
    await this.messages.applyStatusChanges(statusChanges(steps));
  }
}
