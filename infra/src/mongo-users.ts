import mongoose from 'mongoose';
import { mongoUserName, SERVICES, ServiceName } from '@sealpost/contracts';

/**
 * As a MongoDB administrator (credentials in the URL): each service's user, defined in the
 * service's own database with readWrite there and no role anywhere else. Existing users get
 * their password and roles reset, so a rerun converges. MongoDB only: FerretDB v1 has no roles.
 */
export async function provisionMongoUsers(adminUrl: string, passwords: Partial<Record<ServiceName, string>>): Promise<ServiceName[]> {
  const connection = await mongoose.createConnection(adminUrl, { serverSelectionTimeoutMS: 10000 }).asPromise();
  try {
    const done: ServiceName[] = [];
    for (const [service, pwd] of Object.entries(passwords) as [ServiceName, string | undefined][]) {
      if (!pwd) continue;
      const db = connection.useDb(SERVICES[service].database).db!;
      const user = mongoUserName(service);
      const roles = [{ role: 'readWrite', db: SERVICES[service].database }];
      const { users } = (await db.command({ usersInfo: user })) as { users: unknown[] };
      await db.command(users.length > 0 ? { updateUser: user, pwd, roles } : { createUser: user, pwd, roles });
      done.push(service);
    }
    return done;
  } finally {
    await connection.close();
  }
}
