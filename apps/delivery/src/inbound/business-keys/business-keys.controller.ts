import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DeviceTokenGuard } from '../../receipts/device-token.guard';
import { BusinessKeyResponse } from './business-key.dto';
import { GetBusinessKeyUseCase } from './get-business-key.use-case';

/** Devices fetch the key to seal their messages to a business with (CONTRACT §11). */
@ApiTags('devices')
@ApiBearerAuth()
@UseGuards(DeviceTokenGuard)
@Controller('v1/businesses')
export class BusinessKeysController {
  constructor(private readonly getBusinessKey: GetBusinessKeyUseCase) {}

  @Get(':phone_number_id/key')
  @ApiOkResponse({ type: BusinessKeyResponse })
  @ApiUnauthorizedResponse({ description: 'missing or unknown device token' })
  @ApiNotFoundResponse({ description: 'no business has this phone_number_id' })
  key(@Param('phone_number_id') phoneNumberId: string): Promise<BusinessKeyResponse> {
    return this.getBusinessKey.execute(phoneNumberId);
  }
}
