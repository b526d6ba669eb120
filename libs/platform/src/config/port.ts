import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Validates an HTTP port variable (converted from its string form), naming it in the error. */
export function IsPort(variable: string): PropertyDecorator {
  const message = `${variable} must be an integer between 1 and 65535`;
  return (target, property) => {
    for (const rule of [Type(() => Number), IsInt({ message }), Min(1, { message }), Max(65535, { message })]) rule(target, property);
  };
}
