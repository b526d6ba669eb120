import { IsNumber, Max, Min } from 'class-validator';
import { BAD_VALUE } from '@sealpost/platform/errors/validation-problems';
import { OptionalText } from './field-rules';

const coordinate = { allowNaN: false, allowInfinity: false };

/** `location` (Cloud API): a point on the globe, optionally named. Name and address: Sealpost's bound of 1,000 characters. */
export class LocationContent {
  @IsNumber(coordinate, { message: 'location.latitude must be a number' })
  @Min(-90, { message: 'location.latitude must be from -90 to 90', context: BAD_VALUE })
  @Max(90, { message: 'location.latitude must be from -90 to 90', context: BAD_VALUE })
  latitude: number;

  @IsNumber(coordinate, { message: 'location.longitude must be a number' })
  @Min(-180, { message: 'location.longitude must be from -180 to 180', context: BAD_VALUE })
  @Max(180, { message: 'location.longitude must be from -180 to 180', context: BAD_VALUE })
  longitude: number;

  @OptionalText(1, 1000)
  name?: string;

  @OptionalText(1, 1000)
  address?: string;
}
