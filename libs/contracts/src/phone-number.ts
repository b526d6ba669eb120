import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * E.164 digits (no '+') of a valid number, or undefined. A number without '+' is read as
 * international, never with a default country: guessing one could reach the wrong person.
 */
export function normalizePhoneNumber(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const trimmed = input.trim();
  if (!/^\+?[0-9][0-9 ().-]{1,24}$/.test(trimmed)) return undefined;
  const number = parsePhoneNumberFromString(trimmed.startsWith('+') ? trimmed : `+${trimmed}`);
  return number?.isValid() ? number.number.slice(1) : undefined;
}
