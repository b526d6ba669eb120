import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class ReceiptRequest {
  @ApiProperty({ example: 'wamid.HBgLMTIwMjU1NTAxMjMVAgARGBI' })
  @IsString()
  @Length(1, 200)
  message_id: string;

  @ApiProperty({ enum: ['read'] })
  @IsIn(['read'], { message: 'status must be "read"' })
  status: 'read';
}

export class ReceiptAccepted {
  @ApiProperty() accepted: true;
}
