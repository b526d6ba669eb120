import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/**
 * `GET /admin/keys` query: an optional owner, nothing else (an unknown parameter is refused, not
 * ignored). The owner is a business id, `_sealpost` (suite-wide keys), a recipient's lookup pseudonym, or
 * `destroyed:<key_id>` (a destroyed recipient key, cut loose from its person).
 */
export class ListKeysQuery {
  @ApiPropertyOptional({ description: 'only the keys of this owner: a business id, `_sealpost`, a pseudonym or `destroyed:<key_id>`' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,160}$/, { message: 'business_id must be a business id, _sealpost, a pseudonym or destroyed:<key_id>' })
  business_id?: string;
}
