import mongoose from 'mongoose';
import { SERVICES } from '@sealpost/contracts';
import { parseIsoDuration } from '@sealpost/platform/config/iso-duration';

const DEFAULT_MAX_AGE = 'P30D';

/** Each business's max_age (ms) as the retention service stores it; P30D where none was set. */
export async function maxAgeOf(connection: mongoose.Connection): Promise<(businessId: string) => number> {
  const policies = await connection.useDb(SERVICES.retention.database).db!.collection('policies').find({}).toArray();
  const byBusiness = new Map(policies.map((p) => [String(p.business_id), parseIsoDuration(String(p.max_age)) ?? parseIsoDuration(DEFAULT_MAX_AGE)!]));
  return (businessId) => byBusiness.get(businessId) ?? parseIsoDuration(DEFAULT_MAX_AGE)!;
}

export async function withStore<T>(mongoUrl: string, use: (connection: mongoose.Connection) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
