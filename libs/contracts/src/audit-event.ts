import type { ServiceName } from './topics';

/**
 * The payload of an audit event (CONTRACT §9). No message content, no raw phone number,
 * no secret: targets name ids and keyed pseudonyms only.
 */
export interface AuditRecord {
  service: ServiceName;
  actor: string;
  action: string;
  target: string;
  outcome: 'success' | 'failure' | 'rejected';
  /** short, content-free reason or counts */
  detail?: Record<string, string | number | boolean>;
}
