import { HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';
import { MarkReadRequest } from './mark-read/mark-read.request';
import { checkSendBody } from './send-body';
import { SendMessageRequest } from './send-message.dto';

/** The send endpoint's body, a message or a mark-as-read (see checkSendBody), refused in the Cloud API's error shape. */
@Injectable()
export class SendBodyPipe implements PipeTransform<unknown, SendMessageRequest | MarkReadRequest> {
  transform(value: unknown): SendMessageRequest | MarkReadRequest {
    const checked = checkSendBody(value, SendMessageRequest);
    if ('body' in checked) return checked.body;
    const { code, details } = checked.refused;
    throw new ApiError(HttpStatus.BAD_REQUEST, code, code === 100 ? 'Invalid parameter' : 'Parameter value is not valid', details);
  }
}
