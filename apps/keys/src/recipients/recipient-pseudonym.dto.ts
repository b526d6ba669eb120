import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';

export class RecipientPseudonymRequest {
  @ApiProperty({ description: 'E.164 digits without "+", as normalizePhoneNumber gives them' })
  @IsString()
  @Matches(/^[1-9]\d{1,14}$/, { message: 'phone must be E.164 digits without "+"; normalize the number first' })
  phone: string;

  @ApiProperty({ enum: ['device', 'erasure'], description: 'device: a device is being registered, so the pseudonym must last until erasure' })
  @IsIn(['device', 'erasure'], { message: 'purpose must be device or erasure' })
  purpose: 'device' | 'erasure';
}

export class RecipientPseudonymResponse {
  @ApiProperty({ description: 'the pseudonym every service files this person under' }) pseudonym: string;
  @ApiProperty({ required: false, description: 'purpose device: the recipient key delivery seals the device\'s number under' }) key_id?: string;
}
