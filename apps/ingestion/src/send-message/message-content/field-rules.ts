import { Type, TypeHelpOptions } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, Length, registerDecorator, ValidateNested, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Composed class-validator rules for the Cloud API's message objects, so each field of the
 * content classes reads as one line. Nest-free: the rules are unit-tested without the app.
 */

type Decorator = (target: object, property: string) => void;
type Class = new () => object;

const all =
  (...decorators: Decorator[]): Decorator =>
  (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };

/** a string of min..max characters, e.g. `Text(1, 20)` for a button title */
export const Text = (min: number, max: number): Decorator => all(IsString(), Length(min, max, { message: ({ property }) => `${property} must be ${min} to ${max} characters` }));

export const OptionalText = (min: number, max: number): Decorator => all(IsOptional(), Text(min, max));

/** one object of `type` (never an array: each element would pass ValidateNested on its own); `type` may pick the class by the holder's other fields */
export const Nested = (type: (options?: TypeHelpOptions) => Class): Decorator => all(IsObject({ message: ({ property }) => `${property} must be an object` }), ValidateNested(), Type(type));

export const OptionalNested = (type: () => Class): Decorator => all(IsOptional(), Nested(type));

/** a list of min..max objects of `type` */
export const NestedList = (type: () => Class, min: number, max: number): Decorator =>
  all(IsArray(), ArrayMinSize(min), ArrayMaxSize(max, { message: ({ property }) => `${property} may hold at most ${max} entries` }), ValidateNested({ each: true }), Type(type));

export const OptionalNestedList = (type: () => Class, min: number, max: number): Decorator => all(IsOptional(), NestedList(type, min, max));

/** A rule of its own, as a decorator: `check` sees the value and the object holding it. */
export function Rule(name: string, check: (value: unknown, holder: Record<string, unknown>) => boolean, message: (args: ValidationArguments) => string, options: ValidationOptions = {}): Decorator {
  return (target, property) =>
    registerDecorator({ name, target: target.constructor, propertyName: property, options: { message, ...options }, validator: { validate: (value, args) => check(value, (args?.object ?? {}) as Record<string, unknown>) } });
}
