import { Controller, Get, HttpStatus, Param, Req, UseGuards } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { ApiError } from '@sealpost/platform';
import { BusinessRequest, BusinessTokenGuard } from '../businesses/business-token.guard';
import { Message } from '../messages/message.schema';
import { StatusEntries } from './status-entries';
import { statusView } from './status-view';

/** `GET /v1/messages/{id}`: a business sees its own messages' status until retention ends. */
@ApiTags('messages')
@ApiBearerAuth('business')
@UseGuards(BusinessTokenGuard)
@Controller('v1/messages')
export class MessageStatusController {
  constructor(
    @InjectModel(Message.name) private readonly messages: Model<Message>,
    private readonly entries: StatusEntries,
  ) {}

  @Get(':message_id')
  async status(@Param('message_id') messageId: string, @Req() req: BusinessRequest) {
    const message = await this.messages.findOne({ _id: messageId }).lean().exec();
    if (!message || message.business_id !== req.business.business_id || message.expires_at <= new Date()) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown message', 'no such message for this business, or it is past retention');
    return { id: message.message_id, ...statusView(message.accepted_at, await this.entries.of(message.message_id)) };
  }
}
