import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';

export class TextContent {
  @ApiProperty({ minLength: 1, maxLength: 4096 })
  @IsString()
  @Length(1, 4096, { message: 'text.body must be 1 to 4096 characters' })
  body: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  preview_url?: boolean;
}

/** The Cloud API send body (text messages). Unknown fields are rejected, never ignored. */
export class SendMessageRequest {
  @ApiProperty({ example: 'whatsapp' })
  @Equals('whatsapp', { message: 'messaging_product must be "whatsapp"' })
  messaging_product: 'whatsapp';

  @ApiPropertyOptional({ example: 'individual' })
  @IsOptional()
  @IsIn(['individual'], { message: 'recipient_type must be "individual"' })
  recipient_type?: 'individual';

  @ApiProperty({ example: '+12025550123', description: 'E.164, with or without +' })
  @IsString()
  @Length(2, 20)
  to: string;

  @ApiProperty({ example: 'text' })
  @IsIn(['text'], { message: 'type must be "text" (other message types are not supported yet)' })
  type: 'text';

  @ApiProperty({ type: TextContent })
  @IsDefined({ message: 'text is required for type "text"' })
  // not an array of bodies: each element would pass ValidateNested, and delivery could never send it
  @IsObject({ message: 'text must be an object with a body' })
  @ValidateNested()
  @Type(() => TextContent)
  text: TextContent;

  @ApiPropertyOptional({ maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  biz_opaque_callback_data?: string;
}

/** A record on sealpost.messages.submit.v1: the send body plus routing and an optional dedupe key. */
export class SubmitRecord extends SendMessageRequest {
  @IsString()
  @Length(1, 64)
  phone_number_id: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  client_message_id?: string;
}

export class SendMessageResponse {
  @ApiProperty() messaging_product: 'whatsapp';
  @ApiProperty() contacts: { input: string; wa_id: string }[];
  @ApiProperty() messages: { id: string }[];
}
