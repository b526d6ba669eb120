import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTBOUND_MESSAGE_TYPES } from '@sealpost/contracts';
import { MarkReadRequest } from './mark-read/mark-read.request';
import { MessageRequest, SubmitRecord } from './message-content/message-request';

export { SubmitRecord };

/** The Cloud API send body (validated by MessageRequest's rules; documented here for /docs). */
export class SendMessageRequest extends MessageRequest {}

const documented: [string, boolean, Record<string, unknown>][] = [
  ['messaging_product', true, { example: 'whatsapp' }],
  ['recipient_type', false, { example: 'individual' }],
  ['to', true, { example: '+12025550123', description: 'E.164, with or without +' }],
  ['type', true, { enum: OUTBOUND_MESSAGE_TYPES, example: 'text' }],
  ['text', false, { type: Object, example: { body: 'Your order has shipped', preview_url: false } }],
  ['location', false, { type: Object, example: { latitude: 52.52, longitude: 13.405, name: 'Depot', address: 'Main St 1' } }],
  ['contacts', false, { type: [Object], example: [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' } }] }],
  ['interactive', false, { type: Object, description: 'button (1–3 reply buttons), list (sections, 10 rows in all) or cta_url' }],
  ['reaction', false, { type: Object, example: { message_id: 'wamid.…', emoji: '👍' } }],
  ['template', false, { type: Object, example: { name: 'order_shipped', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }] } }],
  ['context', false, { type: Object, example: { message_id: 'wamid.…' }, description: 'the message this one replies to; the device shows it quoted' }],
  ['biz_opaque_callback_data', false, { maxLength: 512 }],
];
for (const [field, required, options] of documented) (required ? ApiProperty : ApiPropertyOptional)(options)(SendMessageRequest.prototype, field);

export class SendMessageResponse {
  @ApiProperty() messaging_product: 'whatsapp';
  @ApiProperty() contacts: { input: string; wa_id: string }[];
  @ApiProperty() messages: { id: string }[];
}

/** The Cloud API mark-as-read body on the same endpoint (validated by MarkReadRequest's rules; documented here for /docs). */
export class MarkReadBody extends MarkReadRequest {}
ApiProperty({ example: 'whatsapp' })(MarkReadBody.prototype, 'messaging_product');
ApiProperty({ enum: ['read'] })(MarkReadBody.prototype, 'status');
ApiProperty({ example: 'wamid.…', description: 'an inbound message of this business' })(MarkReadBody.prototype, 'message_id');
ApiPropertyOptional({ type: Object, example: { type: 'text' }, description: 'also shows typing on the device for up to 25 s' })(MarkReadBody.prototype, 'typing_indicator');
