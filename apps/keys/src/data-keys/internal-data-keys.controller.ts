import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@sealpost/platform';
import { AllowedCallers, CallerRequest, KeysCallerGuard } from '../callers/keys-caller.guard';
import { IssueDataKeyUseCase } from './issue-data-key/issue-data-key.use-case';
import { DataKeyResponse, IssueDataKeyRequest, UnwrapDataKeyRequest } from './issued-data-key.dto';
import { UnwrapDataKeyUseCase } from './unwrap-data-key/unwrap-data-key.use-case';

/** Synchronous, per-service-authenticated data-key API: material travels here, never over Kafka. */
@ApiTags('internal')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Sealpost-Caller', enum: ['ingestion', 'delivery', 'retention'] })
@UseGuards(KeysCallerGuard)
@Controller('internal/data-keys')
export class InternalDataKeysController {
  constructor(
    private readonly issue: IssueDataKeyUseCase,
    private readonly unwrap: UnwrapDataKeyUseCase,
  ) {}

  @Post()
  @AllowedCallers('ingestion', 'delivery', 'retention')
  async issueKey(@Body() body: IssueDataKeyRequest, @Req() req: CallerRequest): Promise<DataKeyResponse> {
    const result = await this.issue.execute(body.business_id, body.kind, req.caller);
    if (result === 'destroyed') throw new ApiError(HttpStatus.GONE, 100, 'The key for this business and epoch was destroyed');
    return result;
  }

  @Post('unwrap')
  @HttpCode(200)
  @AllowedCallers('ingestion', 'delivery', 'retention')
  unwrapKey(@Body() body: UnwrapDataKeyRequest, @Req() req: CallerRequest): Promise<DataKeyResponse> {
    return this.unwrap.execute(body.key_id, req.caller);
  }
}
