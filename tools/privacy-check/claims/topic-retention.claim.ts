import { ConfigResourceTypes } from 'kafkajs';
import { MAX_TOPIC_RETENTION_MS } from '@sealpost/contracts';
import { kafkaClient } from '@sealpost/testing';
import type { Claim } from './claim';

const DAY_MS = 86400000;

export const topicRetention: Claim = {
  id: 'topic-retention',
  statement: "every topic's retention is within the 30-day bound",
  async check({ kafka }) {
    const admin = kafkaClient(kafka('admin'), 'sealpost-privacy-check').admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) });
      const evidence: string[] = [];
      let pass = true;
      for (const r of resources) {
        const retention = Number(r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue);
        const within = retention > 0 && retention <= MAX_TOPIC_RETENTION_MS;
        pass &&= within;
        evidence.push(`${r.resourceName}: retention.ms=${retention} (${retention > 0 ? `${(retention / DAY_MS).toFixed(1)} days` : 'forever'})${within ? '' : ' exceeds 30 days'}`);
      }
      return { pass, evidence };
    } finally {
      await admin.disconnect();
    }
  },
};
