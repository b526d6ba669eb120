import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseIsoDuration } from './iso-duration';

/** An ISO-8601 duration between the bounds, in milliseconds. */
export function IsIsoDuration(bounds: { minMs: number; maxMs?: number }, options: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown): boolean {
          const ms = typeof value === 'string' ? parseIsoDuration(value) : undefined;
          return ms !== undefined && ms >= bounds.minMs && (bounds.maxMs === undefined || ms <= bounds.maxMs);
        },
      },
    });
}
