import { StatusError } from '@sealpost/contracts';

/** The Cloud API's code for a message that cannot reach the recipient. */
const UNDELIVERABLE = { code: 131026, title: 'Message undeliverable' } as const;

export const STATUS_ERRORS = {
  noDevice: { ...UNDELIVERABLE, message: 'The recipient has no registered device' },
  retentionEnded: { ...UNDELIVERABLE, message: 'Retention ended before delivery' },
  // not the device's HTTP status: that would tell a business what answers inside the operator's network
  refusedByDevice: { ...UNDELIVERABLE, message: "The recipient's device refused the message" },
  // the Cloud API's code for a free-form message outside the customer-service window (CONTRACT §11)
  outsideServiceWindow: {
    code: 131047,
    title: 'Re-engagement message',
    message: "More than the business's service window has passed since the customer last wrote; send a template message to re-engage them",
  },
} satisfies Record<string, StatusError>;
