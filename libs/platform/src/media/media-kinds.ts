/** The Cloud API's media message types. */
export type MediaType = 'image' | 'audio' | 'video' | 'document' | 'sticker';

const MB = 1024 * 1024;

/** What each media type may hold (CONTRACT §12, the Cloud API's supported types and limits). */
const KINDS: Record<MediaType, { maxBytes: number; mimeTypes: readonly string[] }> = {
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
  audio: { maxBytes: 16 * MB, mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'] },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
  },
  sticker: { maxBytes: 500 * 1024, mimeTypes: ['image/webp'] },
};

/** The largest upload of any type: the bound while an upload's type is not known yet. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(KINDS).map((k) => k.maxBytes));

/**
 * What a sniffed type may be for a declared one beside itself: the Office formats before 2007
 * share one container, the later ones are zip files (the first bytes show no more), an m4a
 * is an mp4, and an ogg is what carries opus.
 */
const SNIFFED_AS: Record<string, readonly string[]> = {
  'application/msword': ['application/x-cfb'],
  'application/vnd.ms-excel': ['application/x-cfb'],
  'application/vnd.ms-powerpoint': ['application/x-cfb'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['application/zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['application/zip'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['application/zip'],
  'audio/mp4': ['audio/x-m4a', 'video/mp4', 'audio/m4a'],
  'audio/ogg': ['audio/opus', 'audio/ogg; codecs=opus'],
  'audio/aac': ['audio/x-aac'],
};

/** A declared MIME type as compared: lower case, without parameters (`audio/ogg; codecs=opus` is audio/ogg). */
export function bareMimeType(declared: string): string {
  return declared.split(';')[0]!.trim().toLowerCase();
}

/** The media type a MIME type is uploaded as, or undefined when the Cloud API does not take it. */
export function mediaTypeOf(mimeType: string): MediaType | undefined {
  const bare = bareMimeType(mimeType);
  return (Object.keys(KINDS) as MediaType[]).find((type) => KINDS[type].mimeTypes.includes(bare));
}

export function maxBytesOf(type: MediaType): number {
  return KINDS[type].maxBytes;
}

/**
 * Whether content whose first bytes sniff as `sniffed` (undefined: no known signature) may be
 * uploaded as `declared`. Plain text has no signature, so it passes unless it sniffs as something else.
 */
export function contentMatches(declared: string, sniffed: string | undefined): boolean {
  const bare = bareMimeType(declared);
  if (sniffed === undefined) return bare === 'text/plain';
  return sniffed === bare || (SNIFFED_AS[bare] ?? []).includes(sniffed);
}
