import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/**
 * `GET /admin/keys` query: an optional owner, nothing else (an unknown parameter is refused, not
 * ignored). The owner is a business id, `_sealpost` (suite-wide keys) or a recipient's pseudonym.
 */
export class ListKeysQuery {
  @ApiPropertyOptional({ description: 'only the keys of this owner: a business id, `_sealpost` or a pseudonym' })
  @IsOptional()
  @Matches(/^[\w.-]{1,128}$/, { message: 'business_id must be a business id, _sealpost or a pseudonym' })
  business_id?: string;
}
