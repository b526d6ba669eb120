import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ParameterFormat } from './template-text';

export interface StoredComponent {
  type: string;
  text?: string;
  [field: string]: unknown;
}

/**
 * A business's message template, as it was created (CONTRACT §11). Stored in clear: a template
 * is the business's boilerplate, addressed to nobody; the values filled into it per recipient
 * exist only inside sealed messages (README, "Message types and templates").
 */
@Schema({ collection: 'message_templates', versionKey: false })
export class MessageTemplateDocument {
  /** the template id the API returns (Graph-style numeric string) */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, index: true })
  business_id: string;

  @Prop({ required: true })
  name: string;

  @Prop({ required: true })
  language: string;

  @Prop({ required: true })
  category: string;

  @Prop({ type: String, required: true })
  parameter_format: ParameterFormat;

  /**
   * the components as created (Cloud API shape: `{ type, format?, text?, buttons?, example? }`), as
   * JSON text: the embedded store (FerretDB v1) refuses nested arrays, which `example.body_text` is
   */
  @Prop({ required: true })
  components_json: string;

  @Prop({ required: true })
  created_at: Date;
}

export const MessageTemplateSchema = SchemaFactory.createForClass(MessageTemplateDocument);

/** A template as the code uses it: its components read. */
export type MessageTemplate = Omit<MessageTemplateDocument, 'components_json'> & { components: StoredComponent[] };
// one template per name and language in a business, without transactions
MessageTemplateSchema.index({ business_id: 1, name: 1, language: 1 }, { unique: true });
