import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Request } from 'express';
import { Model } from 'mongoose';
import { ApiError, bearerToken } from '@sealpost/platform';
import { Business } from './business.schema';
import { BusinessDirectory } from './business-directory';

export interface BusinessRequest extends Request {
  business: Business;
}

const INVALID_TOKEN = () => new ApiError(HttpStatus.UNAUTHORIZED, 190, 'Invalid OAuth access token', 'the access token is missing, wrong, or not valid for this phone number');

/**
 * Resolves the business from its bearer token (looked up by hash, so no secret comparison
 * happens in JS; a found business is kept for seconds, see BusinessDirectory) and, on routes with
 * :phone_number_id or :business_id, checks the id is its own.
 * Runs before body validation, so a bad token is a 401 whatever the body holds.
 */
@Injectable()
export class BusinessTokenGuard implements CanActivate {
  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly directory: BusinessDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<BusinessRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw INVALID_TOKEN();
    const business = await this.directory.byToken(token);
    if (!business) throw INVALID_TOKEN();
    for (const field of ['phone_number_id', 'business_id'] as const) {
      const named = request.params?.[field];
      if (named !== undefined && named !== business[field]) await this.refuseOther(field, String(named));
    }
    request.business = business;
    return true;
  }

  /** a path naming another business: 404 when no business has that id, else the token is not valid for it */
  private async refuseOther(field: 'phone_number_id' | 'business_id', id: string): Promise<never> {
    const exists = await this.businesses.exists({ [field]: id }).exec();
    if (!exists) throw new ApiError(HttpStatus.NOT_FOUND, 100, `Unknown ${field.replace(/_/g, ' ')}`, `no business has that ${field}; use the one onboarding returned`);
    throw INVALID_TOKEN();
  }
}
