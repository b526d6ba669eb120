import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AdminRoute } from '@sealpost/platform';
import { BusinessView, CreateBusinessRequest, CreatedBusinessResponse, RotatedAccessToken, RotatedAppSecret, UpdateBusinessRequest } from './business.dto';
import { Business } from './business.schema';
import { toBusinessView } from './business-view';
import { CreateBusinessUseCase } from './create-business/create-business.use-case';
import { RotateCredentialsUseCase } from './rotate-credentials/rotate-credentials.use-case';
import { UpdateBusinessUseCase } from './update-business/update-business.use-case';

@ApiTags('admin')
@AdminRoute()
@Controller('admin/businesses')
export class BusinessesController {
  constructor(
    private readonly createBusiness: CreateBusinessUseCase,
    private readonly updateBusiness: UpdateBusinessUseCase,
    private readonly rotateCredentials: RotateCredentialsUseCase,
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
  ) {}

  @Post()
  create(@Body() body: CreateBusinessRequest): Promise<CreatedBusinessResponse> {
    return this.createBusiness.execute(body);
  }

  @Get()
  async list(): Promise<BusinessView[]> {
    return (await this.businesses.find().sort({ created_at: 1 }).limit(1000).lean().exec()).map(toBusinessView);
  }

  @Patch(':business_id')
  update(@Param('business_id') businessId: string, @Body() body: UpdateBusinessRequest): Promise<BusinessView> {
    return this.updateBusiness.execute(businessId, body);
  }

  @Post(':business_id/access-token')
  rotateAccessToken(@Param('business_id') businessId: string): Promise<RotatedAccessToken> {
    return this.rotateCredentials.accessToken(businessId);
  }

  @Post(':business_id/app-secret')
  rotateAppSecret(@Param('business_id') businessId: string): Promise<RotatedAppSecret> {
    return this.rotateCredentials.appSecret(businessId);
  }
}
