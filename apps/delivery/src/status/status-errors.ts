import { StatusError } from '@sealpost/contracts';

/** The Cloud API's code for a message that cannot reach the recipient. */
const UNDELIVERABLE = { code: 131026, title: 'Message undeliverable' } as const;

export const STATUS_ERRORS = {
  noDevice: { ...UNDELIVERABLE, message: 'The recipient has no registered device' },
  retentionEnded: { ...UNDELIVERABLE, message: 'Retention ended before delivery' },
  refusedBy: (httpStatus: number): StatusError => ({ ...UNDELIVERABLE, message: `The device endpoint refused the message (HTTP ${httpStatus})` }),
} satisfies Record<string, StatusError | ((status: number) => StatusError)>;
