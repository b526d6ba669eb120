import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';

/** No live media of the asking business has that id: never uploaded, deleted, expired or shredded. */
export const unknownMedia = () => new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown media', 'no media of this business has that id (deleted, or past its retention); upload it again');
