import { ServiceName } from './topics';

export interface ServiceDescriptor {
  name: ServiceName;
  defaultPort: number;
  database: string;
}

/** CONTRACT §1: each service's default port and the one MongoDB database it owns. */
export const SERVICES: Record<ServiceName, ServiceDescriptor> = {
  ingestion: { name: 'ingestion', defaultPort: 3001, database: 'sealpost_ingestion' },
  keys: { name: 'keys', defaultPort: 3002, database: 'sealpost_keys' },
  delivery: { name: 'delivery', defaultPort: 3003, database: 'sealpost_delivery' },
  retention: { name: 'retention', defaultPort: 3004, database: 'sealpost_retention' },
  audit: { name: 'audit', defaultPort: 3005, database: 'sealpost_audit' },
};

export function portVariable(service: ServiceName): string {
  return `SEALPOST_${service.toUpperCase()}_PORT`;
}

/** The MongoDB user a service connects as where the store enforces identities; its role covers only its own database. */
export function mongoUserName(service: ServiceName): string {
  return `sealpost-${service}`;
}

export function mongoPasswordVariable(service: ServiceName): string {
  return `SEALPOST_MONGO_${service.toUpperCase()}_PASSWORD`;
}
