import type { Connection } from 'mongoose';

/** Whether the store answers this connection within the deadline (a real round trip, not mongoose's cached state). */
export async function storeAnswers(connection: Connection, timeoutMs: number): Promise<void> {
  await connection.getClient().db('admin').command({ ping: 1 }, { timeoutMS: timeoutMs });
}
