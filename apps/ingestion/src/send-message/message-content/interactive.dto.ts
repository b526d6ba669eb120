import { Equals, IsIn } from 'class-validator';
import { Nested, OptionalNested, Rule, Text } from './field-rules';
import { ButtonAction, CtaUrlAction, ListAction } from './interactive-actions.dto';

export const INTERACTIVE_TYPES = ['button', 'list', 'cta_url'] as const;
type InteractiveType = (typeof INTERACTIVE_TYPES)[number];

/** body.text's Cloud API limit: a list's body may be longer than a button's or a link's */
const BODY_LIMIT: Record<InteractiveType, number> = { button: 1024, list: 4096, cta_url: 1024 };

const ACTIONS: Record<InteractiveType, new () => object> = { button: ButtonAction, list: ListAction, cta_url: CtaUrlAction };

class InteractiveHeader {
  @Equals('text', { message: 'interactive.header.type must be "text" (media headers come with media messages)' }) type: 'text';
  @Text(1, 60) text: string;
}

class InteractiveBody {
  @Text(1, 4096) text: string;
}

class InteractiveFooter {
  @Text(1, 60) text: string;
}

const bodyFits = (body: unknown, holder: Record<string, unknown>) => {
  const limit = BODY_LIMIT[holder.type as InteractiveType] ?? 1024;
  const text = (body as { text?: unknown } | undefined)?.text;
  return typeof text !== 'string' || text.length <= limit;
};

/** `interactive` (Cloud API): reply buttons, a list, or a call-to-action URL, with a text header and footer optional. */
export class InteractiveContent {
  @IsIn(INTERACTIVE_TYPES, { message: `interactive.type must be one of ${INTERACTIVE_TYPES.join(', ')}` })
  type: InteractiveType;

  @OptionalNested(() => InteractiveHeader)
  header?: InteractiveHeader;

  @Nested(() => InteractiveBody)
  @Rule('interactiveBodyLength', bodyFits, ({ object }) => `interactive.body.text must be at most ${BODY_LIMIT[(object as InteractiveContent).type] ?? 1024} characters for this type`)
  body: InteractiveBody;

  @OptionalNested(() => InteractiveFooter)
  footer?: InteractiveFooter;

  // the action's shape follows interactive.type: each type has its class, and its class alone says which fields are allowed
  @Nested((options) => ACTIONS[(options?.object as { type?: InteractiveType } | undefined)?.type ?? 'button'] ?? ButtonAction)
  action: ButtonAction | ListAction | CtaUrlAction;
}
