import { fileTypeFromBuffer } from 'file-type';
import type { Sniff } from './upload-checks';

/** The MIME type file-type reads from a file's first bytes; undefined when it knows no signature there. */
export const sniffMime: Sniff = async (head) => (await fileTypeFromBuffer(head))?.mime;
