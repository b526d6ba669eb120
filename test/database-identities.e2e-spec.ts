import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { mongoUserName, SERVICES } from '@sealpost/contracts';
import { provisionMongoUsers } from '@sealpost/infra';
import { testInfra } from '@sealpost/testing';

const enforced = testInfra().provider === 'containers';

/**
 * With MongoDB (compose, testcontainers) each service's user reaches its own database only.
 * The embedded FerretDB v1 has no roles to enforce this with (README, "Identities"), so there
 * the suite is skipped and says why.
 */
(enforced ? describe : describe.skip)(
  enforced ? 'database identities: a service user reaches only its own database' : 'database identities: SKIPPED on the embedded FerretDB, which has no roles (see README)',
  () => {
    const passwords = { ingestion: randomBytes(12).toString('hex'), delivery: randomBytes(12).toString('hex') };
    const hostOf = (url: string) => new URL(url.replace(/^mongodb:/, 'http:')).host;
    const loginAs = (service: 'ingestion' | 'delivery') =>
      mongoose
        .createConnection(`mongodb://${hostOf(testInfra().mongoUrl)}/?directConnection=true`, {
          auth: { username: mongoUserName(service), password: passwords[service] },
          authSource: SERVICES[service].database,
          serverSelectionTimeoutMS: 10000,
        })
        .asPromise();

    beforeAll(async () => {
      expect(await provisionMongoUsers(testInfra().mongoUrl, passwords)).toEqual(['ingestion', 'delivery']);
      // a rerun converges instead of failing on the existing users
      expect(await provisionMongoUsers(testInfra().mongoUrl, passwords)).toEqual(['ingestion', 'delivery']);
    });

    it('lets ingestion write and read its own database, and refuses it the delivery database', async () => {
      const connection = await loginAs('ingestion');
      try {
        const own = connection.useDb(SERVICES.ingestion.database).db!.collection('identity_probe');
        await own.insertOne({ probe: true });
        expect(await own.countDocuments({ probe: true })).toBeGreaterThan(0);
        const other = connection.useDb(SERVICES.delivery.database).db!.collection('identity_probe');
        await expect(other.findOne({})).rejects.toMatchObject({ codeName: 'Unauthorized' });
        await expect(other.insertOne({ probe: true })).rejects.toMatchObject({ codeName: 'Unauthorized' });
      } finally {
        await connection.close();
      }
    });

    it('refuses a wrong password', async () => {
      passwords.delivery = 'not-the-password';
      await expect(loginAs('delivery')).rejects.toThrow(/Authentication failed/);
    });
  },
);
