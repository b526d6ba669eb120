import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';

export class CreateBusinessRequest {
  @ApiProperty({ example: 'Acme' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'https://acme.example/hooks/whatsapp' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'webhook_url must be an http(s) URL' })
  webhook_url: string;

  @ApiPropertyOptional({ default: 80, description: 'sends per second over HTTP (429 beyond) and pace of Kafka submits' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  throughput_mps?: number;
}

export class UpdateBusinessRequest extends PartialType(PickType(CreateBusinessRequest, ['webhook_url', 'throughput_mps'] as const)) {}

export class CreatedBusinessResponse {
  @ApiProperty() business_id: string;
  @ApiProperty() phone_number_id: string;
  @ApiProperty({ description: 'shown once; stored only as a hash' }) access_token: string;
  @ApiProperty({ description: 'shown once; stored only encrypted' }) app_secret: string;
}

export class RotatedAccessToken {
  @ApiProperty({ description: 'shown once; the previous token stops working' }) access_token: string;
}

export class RotatedAppSecret {
  @ApiProperty({ description: 'shown once; Kafka submits signed with the previous secret are refused, and webhooks are signed with this one' }) app_secret: string;
}

export class BusinessView {
  @ApiProperty() business_id: string;
  @ApiProperty() phone_number_id: string;
  @ApiProperty() name: string;
  @ApiProperty() webhook_url: string;
  @ApiProperty() throughput_mps: number;
  @ApiProperty() created_at: string;
}
