import { Equals, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OUTBOUND_MESSAGE_TYPES, OutboundMessageType } from '@sealpost/contracts';
import { ContactCard, MAX_CONTACTS } from './contacts.dto';
import { ContentOf } from './content-of-type';
import { Nested, NestedList, OptionalNested } from './field-rules';
import { InteractiveContent } from './interactive.dto';
import { LocationContent } from './location.dto';
import { MediaObject } from './media.dto';
import { ReactionContent } from './reaction.dto';
import { ReplyContext } from './reply-context.dto';
import { TemplateSendContent } from './template-send.dto';

export class TextContent {
  @IsString()
  @Length(1, 4096, { message: 'text.body must be 1 to 4096 characters' })
  body: string;

  @IsOptional()
  @IsBoolean()
  preview_url?: boolean;
}

/**
 * The Cloud API send body, validated the same at both doors (HTTP and the Kafka submit topic):
 * `type` names the one object the message carries. Unknown fields are refused, never ignored.
 * Nest-free, so its rules are unit-tested as they are applied.
 */
export class MessageRequest {
  @Equals('whatsapp', { message: 'messaging_product must be "whatsapp"' })
  messaging_product: 'whatsapp';

  @IsOptional()
  @IsIn(['individual'], { message: 'recipient_type must be "individual"' })
  recipient_type?: 'individual';

  @IsString()
  @Length(2, 20)
  to: string;

  @IsIn(OUTBOUND_MESSAGE_TYPES, { message: `type must be one of ${OUTBOUND_MESSAGE_TYPES.join(', ')}` })
  type: OutboundMessageType;

  @ContentOf('text') @Nested(() => TextContent) text?: TextContent;
  @ContentOf('location') @Nested(() => LocationContent) location?: LocationContent;
  @ContentOf('contacts') @NestedList(() => ContactCard, 1, MAX_CONTACTS) contacts?: ContactCard[];
  @ContentOf('interactive') @Nested(() => InteractiveContent) interactive?: InteractiveContent;
  @ContentOf('reaction') @Nested(() => ReactionContent) reaction?: ReactionContent;
  @ContentOf('template') @Nested(() => TemplateSendContent) template?: TemplateSendContent;
  @ContentOf('image') @Nested(() => MediaObject) image?: MediaObject;
  @ContentOf('audio') @Nested(() => MediaObject) audio?: MediaObject;
  @ContentOf('video') @Nested(() => MediaObject) video?: MediaObject;
  @ContentOf('document') @Nested(() => MediaObject) document?: MediaObject;
  @ContentOf('sticker') @Nested(() => MediaObject) sticker?: MediaObject;

  @OptionalNested(() => ReplyContext) context?: ReplyContext;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  biz_opaque_callback_data?: string;
}

/** A record on sealpost.messages.submit.v1: the send body plus routing and an optional dedupe key. */
export class SubmitRecord extends MessageRequest {
  @IsString()
  @Length(1, 64)
  phone_number_id: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  client_message_id?: string;
}
