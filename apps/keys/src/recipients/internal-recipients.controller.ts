import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AllowedCallers, KeysCallerGuard } from '../callers/keys-caller.guard';
import { RecipientPseudonymRequest, RecipientPseudonymResponse } from './recipient-pseudonym.dto';
import { ResolvePseudonymUseCase } from './resolve-pseudonym/resolve-pseudonym.use-case';

/** Numbers become pseudonyms here, so the services that only look people up hold no pseudonym key. */
@ApiTags('internal')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Sealpost-Caller', enum: ['delivery', 'retention'] })
@UseGuards(KeysCallerGuard)
@Controller('internal/recipients')
export class InternalRecipientsController {
  constructor(private readonly resolve: ResolvePseudonymUseCase) {}

  @Post('pseudonym')
  @HttpCode(200)
  @AllowedCallers('delivery', 'retention')
  pseudonym(@Body() body: RecipientPseudonymRequest): Promise<RecipientPseudonymResponse> {
    return this.resolve.execute(body.phone, body.purpose);
  }
}
