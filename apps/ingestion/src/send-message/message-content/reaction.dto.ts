import { IsString } from 'class-validator';
import { BAD_VALUE } from '@sealpost/platform/errors/validation-problems';
import { Rule, Text } from './field-rules';

const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** One emoji (a single grapheme, skin tones and ZWJ sequences included), or '' which removes the reaction. */
export function isReactionEmoji(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === '') return true;
  return value.length <= 32 && [...graphemes.segment(value)].length === 1 && PICTOGRAPHIC.test(value);
}

/** `reaction` (Cloud API): an emoji on a message of the conversation; an empty emoji removes it. */
export class ReactionContent {
  @Text(1, 128)
  message_id: string;

  @IsString({ message: 'reaction.emoji must be a string (empty removes the reaction)' })
  @Rule('reactionEmoji', isReactionEmoji, () => 'reaction.emoji must be one emoji, or empty to remove the reaction', { context: BAD_VALUE })
  emoji: string;
}
