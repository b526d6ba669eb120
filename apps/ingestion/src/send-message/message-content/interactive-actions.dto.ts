import { Equals, IsIn, IsUrl } from 'class-validator';
import { BAD_VALUE } from '@sealpost/platform/errors/validation-problems';
import { Nested, NestedList, OptionalText, Rule, Text } from './field-rules';

/** true when no two entries share the key (button ids and titles, list row ids: the reply names which one was chosen) */
export function distinct<T>(entries: readonly T[], key: (entry: T) => unknown): boolean {
  const keys = entries.map(key);
  return new Set(keys).size === keys.length;
}

const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : []);

class Reply {
  @Text(1, 256) id: string;
  @Text(1, 20) title: string;
}

class ReplyButton {
  @Equals('reply', { message: 'action.buttons[].type must be "reply"' }) type: 'reply';
  @Nested(() => Reply) reply: Reply;
}

/** `interactive.type: "button"`: 1 to 3 reply buttons, ids and titles unique */
export class ButtonAction {
  @NestedList(() => ReplyButton, 1, 3)
  @Rule('distinctButtons', (value) => distinct(list(value), (b) => (b.reply as Reply | undefined)?.id) && distinct(list(value), (b) => (b.reply as Reply | undefined)?.title), () => 'action.buttons must have distinct reply ids and titles', { context: BAD_VALUE })
  buttons: ReplyButton[];
}

class ListRow {
  @Text(1, 200) id: string;
  @Text(1, 24) title: string;
  @OptionalText(1, 72) description?: string;
}

class ListSection {
  @OptionalText(1, 24) title?: string;
  @NestedList(() => ListRow, 1, 10) rows: ListRow[];
}

const rowsOf = (sections: unknown) => list(sections).flatMap((s) => list(s.rows));

/** `interactive.type: "list"`: a button text and 1 to 10 sections holding 10 rows in all, row ids unique, every section titled when there are several */
export class ListAction {
  @Text(1, 20) button: string;

  @NestedList(() => ListSection, 1, 10)
  @Rule('listRows', (value) => rowsOf(value).length <= 10, () => 'action.sections may hold at most 10 rows in all', { context: BAD_VALUE })
  @Rule('listRowIds', (value) => distinct(rowsOf(value), (r) => r.id), () => 'action.sections rows must have distinct ids', { context: BAD_VALUE })
  @Rule('listTitles', (value) => list(value).length < 2 || list(value).every((s) => typeof s.title === 'string'), () => 'action.sections each need a title when there are several')
  sections: ListSection[];
}

class CtaUrlParameters {
  @Text(1, 20) display_text: string;
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'action.parameters.url must be an http(s) URL', context: BAD_VALUE }) url: string;
}

/** `interactive.type: "cta_url"`: one button opening a URL */
export class CtaUrlAction {
  @IsIn(['cta_url'], { message: 'action.name must be "cta_url"' }) name: 'cta_url';
  @Nested(() => CtaUrlParameters) parameters: CtaUrlParameters;
}
