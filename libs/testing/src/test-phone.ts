import { randomInt } from 'node:crypto';

const issued = new Set<string>();

/**
 * A valid US number (libphonenumber-js accepts every +1 202 NXX XXXX) never issued before in this
 * process, and drawn at random so suites sharing one store across a run do not meet: a number one
 * suite erased must not be the number another registers a device for. Exchange 555 is left to the
 * bench and chaos tools, which number their recipients there.
 */
export function testPhone(): string {
  for (;;) {
    const exchange = randomInt(200, 1000);
    const phone = `+1202${exchange}${String(randomInt(10000)).padStart(4, '0')}`;
    if (exchange !== 555 && !issued.has(phone)) {
      issued.add(phone);
      return phone;
    }
  }
}
