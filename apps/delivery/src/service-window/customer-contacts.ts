import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { boundedBulkWrite, chunks } from '@sealpost/persistence';
import { CustomerContact } from './customer-contact.schema';

export interface Conversation {
  business_id: string;
  recipient: string;
}

export const contactId = ({ business_id, recipient }: Conversation) => `${business_id}/${recipient}`;

/** When each customer last wrote to each business, read and written by `_id`. */
@Injectable()
export class CustomerContacts {
  constructor(@InjectModel(CustomerContact.name) private readonly contacts: Model<CustomerContact>) {}

  /** Each conversation's latest time of writing, one upsert by `_id` per customer and business. */
  async wrote(writes: readonly { conversation: Conversation; at: Date }[]): Promise<void> {
    const latest = new Map<string, { conversation: Conversation; at: Date }>();
    for (const write of writes) {
      const id = contactId(write.conversation);
      if (!latest.has(id) || write.at >= latest.get(id)!.at) latest.set(id, write);
    }
    const upserts = [...latest].map(([_id, { conversation, at }]) => ({ updateOne: { filter: { _id }, update: { $set: { ...conversation, last_inbound_at: at } }, upsert: true } }));
    await Promise.all(chunks(upserts).map((slice) => boundedBulkWrite(this.contacts, slice as never)));
  }

  /** `<business id>/<pseudonym>` → when that customer last wrote, for those who ever did. */
  async lastWritten(conversations: readonly Conversation[]): Promise<Map<string, Date>> {
    const found = new Map<string, Date>();
    for (const slice of chunks([...new Set(conversations.map(contactId))])) {
      const contacts = await Promise.all(slice.map((_id) => this.contacts.findOne({ _id }).lean().exec()));
      for (const contact of contacts) if (contact) found.set(contact._id, contact.last_inbound_at);
    }
    return found;
  }

  /** Retention: a contact goes with the messages of its time. */
  async purgeBefore(business: string | { $nin: string[] }, cutoff: Date): Promise<void> {
    await this.contacts.deleteMany({ business_id: business, last_inbound_at: { $lt: cutoff } }).exec();
  }

  /** Erasure: every business's contact with this customer. */
  async erase(recipient: string): Promise<void> {
    await this.contacts.deleteMany({ recipient }).exec();
  }
}
