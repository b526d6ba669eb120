import { randomBytes } from 'node:crypto';

/** A PNG's structure (signature, IHDR, one IDAT holding `data`, IEND), which is what type sniffing reads; CRCs are not checked. */
export function pngImage(bytes: number, data: Buffer = randomBytes(bytes)): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

/** A PDF's signature and `bytes` after it. */
export function pdfDocument(bytes: number, data: Buffer = randomBytes(bytes)): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), data]);
}

/** A multipart upload as Cloud API clients send it: messaging_product, type, then the file. */
export function mediaForm(content: Buffer, type: string, fields: { messaging_product?: string; partType?: string } = {}): FormData {
  const { messaging_product = 'whatsapp', partType = type } = fields;
  const form = new FormData();
  if (messaging_product) form.append('messaging_product', messaging_product);
  if (type) form.append('type', type);
  form.append('file', new Blob([content], { type: partType }), 'upload.bin');
  return form;
}
