import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from './business.schema';
import { BoundedCache } from '@sealpost/platform';

/** short, so a PATCH /admin/businesses (on any instance) reaches the Kafka path within seconds */
const BUSINESS_TTL_MS = 5000;
const MAX_BUSINESSES = 10000;

/**
 * Businesses by phone_number_id for the submit consumer, which would otherwise query the store
 * for every record. Only found businesses are kept: one onboarded a moment ago is found at once.
 */
@Injectable()
export class BusinessDirectory {
  private readonly byPhoneNumberId = new BoundedCache<Business>(BUSINESS_TTL_MS, MAX_BUSINESSES);

  constructor(@InjectModel(Business.name) private readonly businesses: Model<Business>) {}

  async find(phoneNumberId: string): Promise<Business | undefined> {
    const cached = this.byPhoneNumberId.get(phoneNumberId);
    if (cached) return cached;
    const business = await this.businesses.findOne({ phone_number_id: phoneNumberId }).lean().exec();
    if (!business) return undefined;
    this.byPhoneNumberId.set(phoneNumberId, business);
    return business;
  }
}
