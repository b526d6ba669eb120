import { ApiProperty } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsIsoDuration } from '@sealpost/platform';
import { NO_SERVICE_WINDOW } from './service-window';

export const DEFAULT_MAX_AGE = 'P30D';
export const MAX_AGE_LIMIT_MS = 30 * 24 * 60 * 60 * 1000;

export class PutPolicyRequest {
  @ApiProperty({ example: 'P30D', description: 'ISO-8601 duration, at least PT1S, at most P30D' })
  @IsIsoDuration({ minMs: 1000, maxMs: MAX_AGE_LIMIT_MS }, { message: 'max_age must be an ISO-8601 duration between PT1S and P30D, e.g. P7D or PT12H' })
  max_age: string;

  @ApiProperty({ required: false, example: 'PT24H', description: '"none" (the default when left out) or an ISO-8601 duration between PT1S and P30D: free-form messages only to customers who wrote within it' })
  @ValidateIf((body: PutPolicyRequest) => body.service_window !== undefined && body.service_window !== NO_SERVICE_WINDOW)
  @IsIsoDuration({ minMs: 1000, maxMs: MAX_AGE_LIMIT_MS }, { message: 'service_window must be "none" or an ISO-8601 duration between PT1S and P30D, e.g. PT24H' })
  service_window?: string;
}

export class PolicyView {
  @ApiProperty() business_id: string;
  @ApiProperty() max_age: string;
  @ApiProperty({ example: 'none' }) service_window: string;
  @ApiProperty({ description: 'false when the business has no policy of its own and the default applies' }) explicit: boolean;
}
