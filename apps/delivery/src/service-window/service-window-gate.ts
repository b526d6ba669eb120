import { Injectable } from '@nestjs/common';
import type { OutboundMessageType } from '@sealpost/contracts';
import { contactId, Conversation, CustomerContacts } from './customer-contacts';
import { needsOpenWindow, withinWindow } from './service-window-rule';
import { ServiceWindows } from './service-windows';

export interface WindowedSend extends Conversation {
  message_id: string;
  type: OutboundMessageType;
  accepted_at: Date;
}

/**
 * The customer-service window (CONTRACT §11) over a batch of sends: one `_id` read per business
 * holding free-form messages, and one per conversation only where the business has a window.
 */
@Injectable()
export class ServiceWindowGate {
  constructor(
    private readonly windows: ServiceWindows,
    private readonly contacts: CustomerContacts,
  ) {}

  /** The ids of the free-form sends to customers who have not written within their business's window. */
  async closedTo(sends: readonly WindowedSend[]): Promise<Set<string>> {
    const freeForm = sends.filter((s) => needsOpenWindow(s.type));
    const windows = freeForm.length > 0 ? await this.windows.of(freeForm.map((s) => s.business_id)) : new Map<string, number>();
    const windowed = freeForm.filter((s) => windows.has(s.business_id));
    if (windowed.length === 0) return new Set();
    const lastWritten = await this.contacts.lastWritten(windowed);
    return new Set(windowed.filter((s) => !withinWindow(windows.get(s.business_id)!, lastWritten.get(contactId(s)), s.accepted_at)).map((s) => s.message_id));
  }
}
