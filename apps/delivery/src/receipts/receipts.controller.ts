import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DeviceRequest, DeviceTokenGuard } from './device-token.guard';
import { ReceiptAccepted, ReceiptRequest } from './receipt.dto';
import { RecordReceiptUseCase } from './record-receipt/record-receipt.use-case';

/** Read receipts from devices (CONTRACT §5), authenticated by the device token. */
@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(DeviceTokenGuard)
@Controller('v1/receipts')
export class ReceiptsController {
  constructor(private readonly recordReceipt: RecordReceiptUseCase) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ReceiptAccepted })
  @ApiUnauthorizedResponse({ description: 'missing or unknown device token' })
  @ApiNotFoundResponse({ description: 'no such message for this device' })
  async receipt(@Req() request: DeviceRequest, @Body() body: ReceiptRequest): Promise<ReceiptAccepted> {
    await this.recordReceipt.execute(request.deviceId, body);
    return { accepted: true };
  }
}
