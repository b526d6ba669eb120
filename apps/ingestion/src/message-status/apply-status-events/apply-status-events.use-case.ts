import { Injectable } from '@nestjs/common';
import { StatusEntries, StatusStep } from '../status-entries';

/**
 * Feeds the status view from delivery's events: each is appended, with one insert per batch;
 * a redelivered batch finds its entries there and changes nothing, and the view folds a
 * message's entries forward-only when it is read (see status-view).
 */
@Injectable()
export class ApplyStatusEventsUseCase {
  constructor(private readonly entries: StatusEntries) {}

  async execute(steps: readonly StatusStep[]): Promise<void> {
    await this.entries.append(steps);
  }
}
