import { Body, Controller, Headers, HttpCode, HttpStatus, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiHeader, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiError } from '@sealpost/platform';
import { BusinessRequest, BusinessTokenGuard } from '../businesses/business-token.guard';
import { GraphVersionPipe } from '../businesses/graph-version';
import { BusinessRateLimiter } from '../rate-limit/business-rate-limiter';
import { HttpSends } from './http-sends';
import { MarkReadRequest } from './mark-read/mark-read.request';
import { MarkReadUseCase } from './mark-read/mark-read.use-case';
import { SendBodyPipe } from './send-body.pipe';
import { MarkReadBody, SendMessageRequest, SendMessageResponse } from './send-message.dto';

/** `POST /{version}/{phone_number_id}/messages`, compatible with Cloud API client libraries. */
@ApiTags('messages')
@ApiBearerAuth('business')
@UseGuards(BusinessTokenGuard)
@Controller(':version/:phone_number_id/messages')
export class SendMessageController {
  constructor(
    private readonly sends: HttpSends,
    private readonly rateLimiter: BusinessRateLimiter,
    private readonly markRead: MarkReadUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiParam({ name: 'version', example: 'v23.0' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(SendMessageRequest) }, { $ref: getSchemaPath(MarkReadBody) }] } })
  @ApiExtraModels(SendMessageRequest, MarkReadBody)
  async send(
    @Param('version', GraphVersionPipe) _version: string,
    @Req() req: BusinessRequest,
    @Body(SendBodyPipe) body: SendMessageRequest | MarkReadRequest,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SendMessageResponse | { success: true }> {
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 128)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'Idempotency-Key must be 1 to 128 characters');
    }
    const business = req.business;
    if (!this.rateLimiter.tryTake(business.business_id, business.throughput_mps)) {
      throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, 130429, 'Rate limit hit', `more than ${business.throughput_mps} messages per second; retry with backoff`);
    }
    if (body instanceof MarkReadRequest) return this.markRead.execute(business, body);
    const result = await this.sends.accept({ business, request: body, idempotencyKey, channel: 'http' });
    if ('refused' in result) throw result.refused;
    const { accepted } = result;
    return { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: accepted.waId }], messages: [{ id: accepted.messageId }] };
  }
}
