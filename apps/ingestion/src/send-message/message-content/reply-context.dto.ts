import { Text } from './field-rules';

/** `context` of a send (Cloud API): the message it replies to, which the device shows quoted. */
export class ReplyContext {
  @Text(1, 128)
  message_id: string;
}
