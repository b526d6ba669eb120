import { waitFor } from '@sealpost/testing';
import type { Claim } from './claim';

interface AuditEventView {
  type: string;
  payload?: { target?: string; outcome?: string };
}

const TYPES = ['inbound.received', 'inbound.delivered'];

export const inboundAudited: Claim = {
  id: 'inbound-audited',
  statement: "the audit log records the customer's canary received and delivered, by id, without its content",
  async check({ options, suite, canary }) {
    const { messageId } = canary.inbound;
    const found = new Map<string, AuditEventView>();
    const look = async () => {
      for (const type of TYPES.filter((t) => !found.has(t))) {
        const events = await suite.adminJson<AuditEventView[]>('audit', `/admin/audit/events?type=${type}&business_id=${encodeURIComponent(canary.businessId)}&limit=1000`);
        const event = events.find((e) => e.payload?.target === messageId);
        if (event) found.set(type, event);
      }
      return found.size === TYPES.length;
    };
    await waitFor('the inbound canary audited', look, options.waitMs, 500).catch(() => undefined);
    const evidence = TYPES.map((t) => (found.has(t) ? `${t} for ${messageId}: outcome ${found.get(t)!.payload?.outcome}` : `no ${t} event for ${messageId} within ${options.waitMs / 1000} s`));
    const leaking = [...found.values()].filter((e) => canary.canaries.some((c) => JSON.stringify(e).includes(c)));
    if (leaking.length > 0) evidence.push(`${leaking.map((e) => e.type).join(', ')} holds a canary`);
    return { pass: found.size === TYPES.length && leaking.length === 0, evidence };
  },
};
