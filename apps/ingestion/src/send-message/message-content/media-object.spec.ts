import { mediaObjectRefusal } from './message-content';

describe('mediaObjectRefusal: a media object as the Cloud API takes it', () => {
  it('takes an id or a link, with a caption where the type has one and a filename on a document', () => {
    expect(mediaObjectRefusal('image', { id: '1', caption: 'c' })).toBeUndefined();
    expect(mediaObjectRefusal('document', { link: 'https://x/y.pdf', caption: 'c', filename: 'y.pdf' })).toBeUndefined();
    expect(mediaObjectRefusal('sticker', { id: '1' })).toBeUndefined();
  });

  it.each([
    ['neither id nor link', 'image', {}, /exactly one of id/],
    ['both id and link', 'video', { id: '1', link: 'https://x/v.mp4' }, /exactly one of id/],
    ['a caption on audio', 'audio', { id: '1', caption: 'c' }, /only image, video and document take a caption/],
    ['a caption on a sticker', 'sticker', { id: '1', caption: 'c' }, /only image, video and document/],
    ['a filename on an image', 'image', { id: '1', filename: 'a.png' }, /only a document takes a filename/],
  ] as const)('refuses %s with 100', (_what, type, object, details) => {
    expect(mediaObjectRefusal(type, object)).toEqual({ code: 100, title: 'Invalid parameter', details: expect.stringMatching(details) });
  });
});
