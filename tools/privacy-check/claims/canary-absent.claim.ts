import { SERVICE_NAMES, SERVICES } from '@sealpost/contracts';
import { scanForCanaries } from '@sealpost/testing';
import type { Claim } from './claim';

export const canaryAbsent: Claim = {
  id: 'canary-nowhere',
  statement: 'the canaries (outbound and inbound content, number, business secrets, operator canaries) are in no topic, database or log',
  async check({ options, canary, kafka }) {
    if (options.logFiles.length === 0) {
      return { pass: false, evidence: ['no log file to scan: pass --log FILE for each service, or run the suite with npm start (it writes <data dir>/logs)'] };
    }
    const canaries = [...canary.canaries, ...options.canaries];
    const hits = await scanForCanaries(canaries, {
      kafka: kafka('admin'),
      mongoUrl: options.mongoUrl,
      logFiles: options.logFiles,
      kafkaTimeoutMs: options.waitMs,
    });
    if (hits.length > 0) {
      // the place, never the canary itself: an operator's canary may be a real secret
      return { pass: false, evidence: hits.map((h) => `found at ${h.place} (canary #${canaries.indexOf(h.canary) + 1})`) };
    }
    return {
      pass: true,
      evidence: [
        `${canaries.length} canaries absent from every topic, every database (${SERVICE_NAMES.map((s) => SERVICES[s].database).join(', ')} and any other) and ${options.logFiles.length} log file(s)`,
      ],
    };
  },
};
