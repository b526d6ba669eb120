import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DeviceRequest, DeviceTokenGuard } from '../../receipts/device-token.guard';
import { InboundMessageAccepted, InboundMessageRequest } from './inbound-message.dto';
import { ReceiveInboundUseCase } from './receive-inbound.use-case';

/** Customers write to businesses (CONTRACT §11), authenticated by their device token. */
@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(DeviceTokenGuard)
@Controller('v1/messages')
export class InboundMessagesController {
  constructor(private readonly receiveInbound: ReceiveInboundUseCase) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: InboundMessageAccepted, description: 'stored; the business gets it by webhook' })
  @ApiBadRequestResponse({ description: 'a field, the key id, the seal or the sealed content is not valid' })
  @ApiUnauthorizedResponse({ description: 'missing or unknown device token' })
  @ApiNotFoundResponse({ description: 'no business has this phone_number_id' })
  send(@Req() request: DeviceRequest, @Body() body: InboundMessageRequest): Promise<InboundMessageAccepted> {
    return this.receiveInbound.execute(request.deviceId, body);
  }
}
