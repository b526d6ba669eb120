import { downloadAllowed, MEDIA_URL_TTL_MS, mediaDownloadPath, sealedAllowed, sealedMediaPath } from './media-url';

const secret = Buffer.alloc(32, 9).toString('base64url');
const now = 1_800_000_000_000;

function queryOf(path: string): { expires?: string; signature?: string } {
  return Object.fromEntries(new URL(path, 'http://x').searchParams) as { expires?: string; signature?: string };
}

describe('media download URLs', () => {
  const path = mediaDownloadPath('123', secret, now);

  it('are allowed for their media until they expire, five minutes on', () => {
    expect(path.startsWith('/v1/media/123/content?')).toBe(true);
    expect(downloadAllowed('123', secret, queryOf(path), now + MEDIA_URL_TTL_MS - 1000)).toBe(true);
    expect(downloadAllowed('123', secret, queryOf(path), now + MEDIA_URL_TTL_MS)).toBe(false);
  });

  it('are refused for other media, another secret, or an altered expiry or signature', () => {
    const query = queryOf(path);
    expect(downloadAllowed('124', secret, query, now)).toBe(false);
    expect(downloadAllowed('123', Buffer.alloc(32, 8).toString('base64url'), query, now)).toBe(false);
    expect(downloadAllowed('123', secret, { ...query, expires: String(Number(query.expires) + 3600) }, now)).toBe(false);
    expect(downloadAllowed('123', secret, { ...query, signature: 'AAAA' }, now)).toBe(false);
    expect(downloadAllowed('123', secret, {}, now)).toBe(false);
  });
});

describe('sealed media capability URLs', () => {
  it('let anyone holding one fetch that media, and only that media', () => {
    const path = sealedMediaPath('123', secret);
    const given = path.split('/').at(-1)!;
    expect(path).toMatch(/^\/v1\/media\/123\/sealed\/[\w-]{43}$/);
    expect(sealedAllowed('123', secret, given)).toBe(true);
    expect(sealedAllowed('124', secret, given)).toBe(false);
    expect(sealedAllowed('123', Buffer.alloc(32, 8).toString('base64url'), given)).toBe(false);
    expect(sealedAllowed('123', secret, 'short')).toBe(false);
  });
});
