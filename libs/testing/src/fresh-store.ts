import mongoose from 'mongoose';

/**
 * Drops every Sealpost database, so a suite that measures the system under load and faults
 * starts on an empty store instead of what the suites before it left: pending retries to
 * stopped devices and the range scans that remain (recovery passes) would otherwise weigh on
 * what it measures. Services must be stopped; the next ones recreate what they need.
 */
export async function dropSealpostDatabases(mongoUrl: string): Promise<string[]> {
  const connection = await mongoose.createConnection(mongoUrl, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const client = connection.getClient();
    const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
    const ours = databases.map((d) => d.name).filter((name) => name.startsWith('sealpost_'));
    for (const name of ours) await client.db(name).dropDatabase();
    return ours;
  } finally {
    await connection.close();
  }
}
