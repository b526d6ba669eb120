import { contentMatches, MAX_MEDIA_BYTES, maxBytesOf, mediaTypeOf } from './media-kinds';

describe('media kinds', () => {
  it('files each supported MIME type under its Cloud API media type, parameters and case aside', () => {
    expect(mediaTypeOf('image/jpeg')).toBe('image');
    expect(mediaTypeOf('Audio/OGG; codecs=opus')).toBe('audio');
    expect(mediaTypeOf('application/pdf')).toBe('document');
    expect(mediaTypeOf('image/webp')).toBe('sticker');
    expect(mediaTypeOf('video/3gpp')).toBe('video');
  });

  it('takes no type the Cloud API does not', () => {
    expect(mediaTypeOf('image/gif')).toBeUndefined();
    expect(mediaTypeOf('application/x-msdownload')).toBeUndefined();
    expect(mediaTypeOf('')).toBeUndefined();
  });

  it('bounds each type as the Cloud API does', () => {
    expect(maxBytesOf('image')).toBe(5 * 1024 * 1024);
    expect(maxBytesOf('audio')).toBe(16 * 1024 * 1024);
    expect(maxBytesOf('sticker')).toBe(500 * 1024);
    expect(MAX_MEDIA_BYTES).toBe(100 * 1024 * 1024);
  });

  it('matches content to its declared type, with the containers formats share', () => {
    expect(contentMatches('image/png', 'image/png')).toBe(true);
    expect(contentMatches('image/png', 'image/jpeg')).toBe(false);
    expect(contentMatches('application/msword', 'application/x-cfb')).toBe(true);
    expect(contentMatches('audio/ogg; codecs=opus', 'audio/ogg')).toBe(true);
    expect(contentMatches('image/jpeg', undefined)).toBe(false);
  });

  it('takes plain text with no signature, not a program declared as text', () => {
    expect(contentMatches('text/plain', undefined)).toBe(true);
    expect(contentMatches('text/plain', 'application/x-msdownload')).toBe(false);
  });
});
