/**
 * What a customer's device seals to a business (CONTRACT §11): the Cloud API inbound object
 * without its envelope fields, optionally with the sender's profile name. Checked once it is
 * opened, before anything is stored; problems name the field and the rule, never the value.
 */
export type InboundType = 'text' | 'interactive' | 'reaction' | 'location' | 'contacts' | InboundMediaType;

/** The media a customer sends as an uploaded file (CONTRACT §12). */
export type InboundMediaType = 'image' | 'audio' | 'video' | 'document' | 'sticker';

/** A media type's object as the device seals it: its upload, the key it chose, and what the file is. */
export interface DeviceMediaObject {
  media_id: string;
  /** base64url of the 32-byte key the file was encrypted under */
  media_key: string;
  /** hex SHA-256 of the plaintext */
  sha256: string;
  mime_type: string;
  caption?: string;
  filename?: string;
}

export interface InboundContent {
  type: InboundType;
  /** the type's object (an array for contacts), exactly as the webhook carries it */
  body: unknown;
  profileName?: string;
}

export type ParsedContent = { ok: true; content: InboundContent } | { ok: false; problem: string };

type Check = (value: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (min: number, max: number): Check => (v) => (typeof v === 'string' && v.length >= min && v.length <= max ? undefined : `must be a string of ${min}-${max} characters`);
const num = (min: number, max: number): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? undefined : `must be a number from ${min} to ${max}`);

/** An object with exactly these fields (optional ones marked `?`), each passing its check. */
function shape(fields: Record<string, Check>): Check {
  return (v) => {
    if (!isObject(v)) return 'must be an object';
    const known = new Map(Object.entries(fields).map(([k, check]) => [k.replace(/\?$/, ''), { check, optional: k.endsWith('?') }]));
    for (const key of Object.keys(v)) if (!known.has(key)) return `has an unknown field (allowed: ${[...known.keys()].join(', ')})`;
    for (const [key, { check, optional }] of known) {
      if (v[key] === undefined) {
        if (optional) continue;
        return `.${key} is required`;
      }
      const problem = check(v[key]);
      if (problem) return join(`.${key}`, problem);
    }
    return undefined;
  };
}

const reply = shape({ id: str(1, 256), title: str(1, 256), 'description?': str(0, 512) });
const interactive: Check = (v) => {
  if (!isObject(v) || (v.type !== 'button_reply' && v.type !== 'list_reply')) return '.type must be button_reply or list_reply';
  return v.type === 'button_reply' ? shape({ type: () => undefined, button_reply: reply })(v) : shape({ type: () => undefined, list_reply: reply })(v);
};
const contact = shape({
  name: shape({ formatted_name: str(1, 512), 'first_name?': str(0, 256), 'last_name?': str(0, 256), 'middle_name?': str(0, 256), 'prefix?': str(0, 64), 'suffix?': str(0, 64) }),
  'phones?': (v) => list(v, 20, shape({ phone: str(1, 64), 'type?': str(0, 32), 'wa_id?': str(0, 32) })),
  'emails?': (v) => list(v, 20, shape({ email: str(1, 320), 'type?': str(0, 32) })),
  'urls?': (v) => list(v, 20, shape({ url: str(1, 2048), 'type?': str(0, 32) })),
  'org?': shape({ 'company?': str(0, 256), 'department?': str(0, 256), 'title?': str(0, 256) }),
  'birthday?': str(0, 10),
});

const mediaKey: Check = (v) => (typeof v === 'string' && /^[A-Za-z0-9_-]{43}$/.test(v) ? undefined : 'must be the base64url of 32 bytes (43 characters, no padding)');
const sha256: Check = (v) => (typeof v === 'string' && /^[0-9a-fA-F]{64}$/.test(v) ? undefined : 'must be 64 hex digits');
const media = (extra: Record<string, Check>): Check => shape({ media_id: str(1, 64), media_key: mediaKey, sha256, mime_type: str(1, 255), ...extra });
const MEDIA: Record<InboundMediaType, Check> = {
  image: media({ 'caption?': str(0, 1024) }),
  audio: media({}),
  video: media({ 'caption?': str(0, 1024) }),
  document: media({ 'caption?': str(0, 1024), 'filename?': str(1, 240) }),
  sticker: media({}),
};

export function isMediaContent(content: InboundContent): content is InboundContent & { type: InboundMediaType; body: DeviceMediaObject } {
  return Object.hasOwn(MEDIA, content.type);
}

/** The type's object as the business's webhook carries it: media by its id and what it is, never the device's key. */
export function webhookObject(content: InboundContent): unknown {
  if (!isMediaContent(content)) return content.body;
  const { media_id, mime_type, sha256: hash, caption, filename } = content.body;
  return { id: media_id, mime_type, sha256: hash.toLowerCase(), ...(caption !== undefined && { caption }), ...(filename !== undefined && { filename }) };
}

function list(v: unknown, max: number, item: Check): string | undefined {
  if (!Array.isArray(v) || v.length < 1 || v.length > max) return `must be a list of 1-${max} items`;
  for (const [i, entry] of v.entries()) {
    const problem = item(entry);
    if (problem) return join(`[${i}]`, problem);
  }
  return undefined;
}

const TYPES: Record<InboundType, Check> = {
  text: shape({ body: str(1, 4096) }),
  interactive,
  reaction: shape({ message_id: str(1, 200), emoji: str(0, 16) }),
  location: shape({ latitude: num(-90, 90), longitude: num(-180, 180), 'name?': str(0, 1000), 'address?': str(0, 1000), 'url?': str(0, 2048) }),
  contacts: (v) => list(v, 20, contact),
  ...MEDIA,
};

export function parseInboundContent(value: unknown): ParsedContent {
  if (!isObject(value)) return { ok: false, problem: 'the sealed plaintext must be a JSON object' };
  const type = value.type;
  if (typeof type !== 'string' || !Object.hasOwn(TYPES, type)) return { ok: false, problem: `the sealed plaintext's type must be one of ${Object.keys(TYPES).join(', ')}` };
  const known = new Set(['type', type, 'profile']);
  if (Object.keys(value).some((k) => !known.has(k))) return { ok: false, problem: `the sealed plaintext may hold only type, ${type} and profile` };
  const typeProblem = TYPES[type as InboundType](value[type]);
  const profileProblem = value.profile === undefined ? undefined : shape({ name: str(1, 256) })(value.profile);
  const problem = typeProblem ? join(type, typeProblem) : profileProblem && join('profile', profileProblem);
  if (problem) return { ok: false, problem: `the sealed plaintext's ${problem}` };
  const profileName = isObject(value.profile) ? (value.profile.name as string) : undefined;
  return { ok: true, content: { type: type as InboundType, body: value[type], ...(profileName !== undefined && { profileName }) } };
}

/** `text` + `.body must…` → `text.body must…`; `text` + `must…` → `text must…` */
function join(field: string, problem: string): string {
  return `${field}${problem.startsWith('.') || problem.startsWith('[') ? '' : ' '}${problem}`;
}
