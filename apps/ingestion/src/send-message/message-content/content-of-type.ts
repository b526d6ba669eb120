import { ValidateIf } from 'class-validator';
import { Rule } from './field-rules';

/**
 * The field holding a type's object (`text`, `location`, …): required when `type` names it,
 * refused when `type` names another (the device opens exactly one object, the one `type` names).
 * Absent and not named, it is not looked at.
 */
export function ContentOf(type: string): (target: object, property: string) => void {
  return (target, property) => {
    ValidateIf((holder: Record<string, unknown>) => holder.type === type || holder[property] !== undefined)(target, property);
    Rule('contentOfType', (value, holder) => holder.type === type && value !== undefined, ({ object }) =>
      (object as Record<string, unknown>).type === type ? `${property} is required for type "${type}"` : `${property} is only allowed with type "${type}": send the object that type names`,
    )(target, property);
  };
}
