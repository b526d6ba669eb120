import { SERVICES } from '@sealpost/contracts';
import type { Claim } from './claim';
import { maxAgeOf, withStore } from './retention-facts';

export const expiredKeys: Claim = {
  id: 'expired-keys',
  statement: 'no message or business inbound key of an epoch past its retention still has key material',
  async check({ options, sweep }) {
    return withStore(options.mongoUrl, async (connection) => {
      const maxAge = await maxAgeOf(connection);
      const keys = connection.useDb(SERVICES.keys.database).db!.collection('data_keys');
      const evidence: string[] = [];
      let expired = 0;
      for await (const key of keys.find({ kind: { $in: ['message', 'business-inbound'] }, epoch_end: { $ne: null } }, { projection: { key_id: 1, kind: 1, business_id: 1, epoch_end: 1, wrapped: 1 } })) {
        if (new Date(key.epoch_end).getTime() >= sweep.startedAt.getTime() - maxAge(String(key.business_id))) continue;
        expired++;
        if (key.wrapped !== null && key.wrapped !== undefined) evidence.push(`${key.kind} key ${key.key_id} (epoch ended ${new Date(key.epoch_end).toISOString()}) still holds wrapped material`);
      }
      const pass = sweep.status === 'done' && evidence.length === 0;
      return { pass, evidence: [sweep.detail, ...(pass ? [`${expired} expired epoch key(s), all without material`] : evidence)] };
    });
  },
};
