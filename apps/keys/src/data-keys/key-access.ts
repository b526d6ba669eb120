import type { KeysCaller } from '@sealpost/platform';
import type { DataKeyKind } from './data-key.schema';

/**
 * Which calling service may obtain (issue) or open (unwrap) each kind of key: only ingestion
 * encrypts messages and only delivery reads them (message and recipient keys alike); business secrets are for the two services
 * that sign and verify with them; the pseudonym key for ingestion alone (delivery and retention
 * ask the keys service for a number's pseudonym instead of holding the key); a business's inbound
 * key pair for delivery alone, which hands out its public half and opens what customers sealed to it.
 */
export const KEY_ACCESS: Record<DataKeyKind, { issue: readonly KeysCaller[]; unwrap: readonly KeysCaller[] }> = {
  message: { issue: ['ingestion'], unwrap: ['delivery'] },
  'business-secret': { issue: ['ingestion'], unwrap: ['ingestion', 'delivery'] },
  recipient: { issue: ['ingestion'], unwrap: ['delivery'] },
  pseudonym: { issue: ['ingestion'], unwrap: ['ingestion'] },
  'business-inbound': { issue: ['delivery'], unwrap: ['delivery'] },
};
