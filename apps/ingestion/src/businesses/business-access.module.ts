import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BusinessDirectory } from './business-directory';
import { Business, BusinessSchema } from './business.schema';
import { BusinessTokenGuard } from './business-token.guard';

/** The businesses and the token guard every business-facing route sits behind. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Business.name, schema: BusinessSchema }])],
  providers: [BusinessDirectory, BusinessTokenGuard],
  exports: [BusinessDirectory, BusinessTokenGuard, MongooseModule],
})
export class BusinessAccessModule {}
