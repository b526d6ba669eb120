import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/**
 * Validates raw environment variables into a typed env class, or throws one error whose
 * message names every offending variable (never its value: it may be a secret).
 */
export function validateEnv<T extends object>(envClass: new () => T, raw: Record<string, unknown>): T {
  const known = new Set(Object.keys(new envClass()));
  const relevant = Object.fromEntries(Object.entries(raw).filter(([key, value]) => known.has(key) && value !== ''));
  const env = plainToInstance(envClass, relevant, { exposeDefaultValues: true, enableImplicitConversion: true });
  const errors = validateSync(env, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    throw new Error(`Invalid configuration: ${errors.map(describe).join('; ')}`);
  }
  return env;
}

function describe(error: ValidationError): string {
  const messages = [...new Set(Object.values(error.constraints ?? {}))];
  return messages.length > 0 ? messages.join(', ') : `${error.property} is invalid`;
}
