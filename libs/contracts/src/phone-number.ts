import { parsePhoneNumberFromString } from 'libphonenumber-js';

const E164 = /^\+?([1-9]\d{1,14})$/;

/**
 * E.164 digits without '+' of a number that can exist, or undefined (CONTRACT §3: E.164, with
 * or without '+'). A number without '+' is read as international, never with a default
 * country: guessing one could reach the wrong person. Every service pseudonymizes this form.
 */
export function normalizePhoneNumber(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const digits = E164.exec(input.trim())?.[1];
  if (!digits) return undefined;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isValid() ? parsed.number.slice(1) : undefined;
}
