import { HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';

/** `{version}` in a Cloud API path: v1, or a Graph-style version such as v23.0 (CONTRACT §3); anything else is no route. */
@Injectable()
export class GraphVersionPipe implements PipeTransform<string, string> {
  transform(version: string): string {
    if (!/^v\d+(\.\d+)?$/.test(version)) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Unknown path', 'the version must look like v1 or v23.0');
    return version;
  }
}
