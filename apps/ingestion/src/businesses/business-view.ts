import type { BusinessRouting } from '@sealpost/contracts';
import type { Business } from './business.schema';
import type { BusinessView } from './business.dto';

export const DEFAULT_THROUGHPUT_MPS = 80;

export function toBusinessView(b: Business): BusinessView {
  return {
    business_id: b.business_id,
    phone_number_id: b.phone_number_id,
    name: b.name,
    webhook_url: b.webhook_url,
    throughput_mps: b.throughput_mps,
    created_at: b.created_at.toISOString(),
  };
}

/** What delivery needs to send this business's status webhooks, carried on each envelope. */
export function toRouting(b: Business): BusinessRouting {
  return { phone_number_id: b.phone_number_id, webhook_url: b.webhook_url, app_secret: b.app_secret, revision: b.revision };
}
