import mongoose from 'mongoose';

/** One stored document with where it lives. */
export interface StoredDocument {
  database: string;
  collection: string;
  /** `_id` as text: an ObjectId's hex, or the JSON of any other id */
  id: string;
  document: Record<string, unknown>;
}

export interface DumpDatabasesOptions {
  /** default: every database except MongoDB's own */
  databases?: readonly string[];
}

const SERVER_DATABASES = new Set(['admin', 'local', 'config']);

/**
 * Every document of every collection, read straight from the server rather than through a
 * service's models, so a field no schema declares is still seen. Test data is small; this
 * loads it all.
 */
export async function dumpDatabases(mongoUrl: string, options: DumpDatabasesOptions = {}): Promise<StoredDocument[]> {
  const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const client = connection.getClient();
    const names = options.databases ?? (await client.db().admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
    const out: StoredDocument[] = [];
    for (const database of names.filter((n) => !SERVER_DATABASES.has(n))) {
      const db = client.db(database);
      const collections = await db.listCollections({}, { nameOnly: true }).toArray();
      // views repeat their source collection; system.* belong to the server
      for (const { name } of collections.filter((c) => c.type !== 'view' && !c.name.startsWith('system.'))) {
        for await (const document of db.collection(name).find({})) {
          out.push({ database, collection: name, id: idText(document._id), document });
        }
      }
    }
    return out;
  } finally {
    await connection.close();
  }
}

/**
 * The raw bytes of every Binary (or Buffer) in a document. JSON shows them as base64, so a
 * search of the JSON alone would miss a plaintext stored as bytes.
 */
export function binaryValues(value: unknown): Buffer[] {
  if (value === null || typeof value !== 'object') return [];
  if (isBsonBinary(value)) return [Buffer.from(value.buffer.subarray(0, value.position))];
  if (value instanceof Uint8Array) return [Buffer.from(value)];
  if (isBsonValue(value)) return [];
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.flatMap(binaryValues);
}

function idText(id: unknown): string {
  if (id instanceof mongoose.mongo.ObjectId) return id.toHexString();
  return typeof id === 'string' ? id : JSON.stringify(id);
}

// Checked by the BSON tag rather than instanceof: a second copy of the bson package has other classes.
function isBsonBinary(value: object): value is { buffer: Uint8Array; position: number } {
  return (value as { _bsontype?: string })._bsontype === 'Binary';
}

function isBsonValue(value: object): boolean {
  return typeof (value as { _bsontype?: unknown })._bsontype === 'string';
}

/** How many messages ingestion stores for a business: a refused send must leave it unchanged. */
export async function storedMessageCount(mongoUrl: string, businessId: string): Promise<number> {
  const docs = await dumpDatabases(mongoUrl, { databases: ['sealpost_ingestion'] });
  return docs.filter((d) => d.collection === 'messages' && (d.document as { business_id?: string }).business_id === businessId).length;
}
