import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { ApiError } from '@sealpost/platform';

/** The fields of an upload form besides the file (CONTRACT §12: `type`, `messaging_product`). */
export type MediaFormFields = Partial<Record<string, string>>;

const badForm = (details: string) => new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', details);

/**
 * Reads a multipart upload as it streams: `upload` gets the `file` part's bytes as they arrive
 * (never all in memory) and its MIME type as declared by then or later (the `type` field, else
 * the part's own); resolves with its result and the form's fields once the whole form is read.
 * A refused upload answers at once: the rest of the request is read and dropped.
 */
export function readMediaForm<T>(req: Request, upload: (content: Readable, mimeType: () => string) => Promise<T>): Promise<{ result: T; fields: MediaFormFields }> {
  return new Promise((resolve, reject) => {
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: req.headers, limits: { files: 1, fields: 8, fieldSize: 1024, parts: 10 } });
    } catch {
      return reject(badForm('send the file as multipart/form-data with the fields file, type and messaging_product'));
    }
    const fields: MediaFormFields = {};
    let uploaded: Promise<T> | undefined;
    const fail = (err: unknown) => {
      req.unpipe(form);
      req.resume();
      reject(err);
    };
    form.on('field', (name, value) => (fields[name] = value));
    form.on('file', (name, content, info) => {
      if (name !== 'file' || uploaded) return content.resume();
      uploaded = upload(content, () => fields.type ?? info.mimeType);
      uploaded.catch(fail);
    });
    form.on('error', () => fail(badForm('the multipart body is malformed; send the file as multipart/form-data')));
    form.on('close', () => {
      if (!uploaded) return reject(badForm('the form has no file part; send the media as the field named file'));
      uploaded.then((result) => resolve({ result, fields }), () => undefined);
    });
    req.pipe(form);
  });
}
