import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MessageTemplate, MessageTemplateDocument } from './message-template.schema';

const DUPLICATE_KEY = 11000;

/** The only holder of the message_templates collection; every query names its business. */
@Injectable()
export class MessageTemplateRepository {
  constructor(@InjectModel(MessageTemplateDocument.name) private readonly templates: Model<MessageTemplateDocument>) {}

  /** false when the business already has a template of that name and language */
  async insert(template: MessageTemplate): Promise<boolean> {
    try {
      const { components, ...rest } = template;
      await this.templates.create({ ...rest, components_json: JSON.stringify(components) });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return false;
      throw err;
    }
  }

  async ofBusiness(businessId: string): Promise<MessageTemplate[]> {
    const documents = await this.templates.find({ business_id: businessId }).lean<MessageTemplateDocument[]>().exec();
    return documents.map(({ components_json, ...rest }) => ({ ...rest, components: JSON.parse(components_json) as MessageTemplate['components'] }));
  }

  /** every language of the name, or the one template `id` names; how many went */
  async deleteByName(businessId: string, name: string, id?: string): Promise<number> {
    const { deletedCount } = await this.templates.deleteMany({ business_id: businessId, name, ...(id !== undefined && { _id: id }) }).exec();
    return deletedCount;
  }
}
