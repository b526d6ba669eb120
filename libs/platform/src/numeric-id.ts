import { randomInt } from 'node:crypto';

/** A 15-digit id in the Graph API's style (business and phone-number ids are numeric strings). */
export function numericId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 14 }, () => randomInt(0, 10)).join('');
}
