import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Business } from './business.schema';
import { tokenHash } from './token-hash';
import { BoundedCache } from '@sealpost/platform';

/** short, so a PATCH /admin/businesses (on any instance) reaches the Kafka path within seconds */
const BUSINESS_TTL_MS = 5000;
const MAX_BUSINESSES = 10000;

/**
 * Businesses by phone_number_id for the submit consumer and by access token for the HTTP API,
 * which would otherwise query the store for every record or request. Only found businesses are
 * kept: one onboarded a moment ago is found at once, and a wrong token is always looked up.
 */
@Injectable()
export class BusinessDirectory {
  private readonly byPhoneNumberId = new BoundedCache<Business>(BUSINESS_TTL_MS, MAX_BUSINESSES);
  /** keyed by the token's hash: the token itself is never kept */
  private readonly byTokenHash = new BoundedCache<Business>(BUSINESS_TTL_MS, MAX_BUSINESSES);

  constructor(@InjectModel(Business.name) private readonly businesses: Model<Business>) {}

  find(phoneNumberId: string): Promise<Business | undefined> {
    return this.lookUp(this.byPhoneNumberId, phoneNumberId, { phone_number_id: phoneNumberId });
  }

  byToken(token: string): Promise<Business | undefined> {
    const hash = tokenHash(token);
    return this.lookUp(this.byTokenHash, hash, { token_hash: hash });
  }

  /** After a change made here: this process sees it at once (others within BUSINESS_TTL_MS). */
  forget(business: Pick<Business, 'phone_number_id' | 'token_hash'>): void {
    this.byPhoneNumberId.delete(business.phone_number_id);
    this.byTokenHash.delete(business.token_hash);
  }

  private async lookUp(cache: BoundedCache<Business>, key: string, filter: Partial<Pick<Business, 'phone_number_id' | 'token_hash'>>): Promise<Business | undefined> {
    const cached = cache.get(key);
    if (cached) return cached;
    const business = await this.businesses.findOne(filter).lean<Business>().exec();
    if (!business) return undefined;
    cache.set(key, business);
    return business;
  }
}
