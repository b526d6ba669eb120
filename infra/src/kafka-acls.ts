import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, ResourcePatternTypes } from 'kafkajs';
import { consumerGroupPrefix, KAFKA_PRINCIPALS, KafkaPrincipal, kafkaUserName, SERVICE_NAMES, ServiceName, topicGrants } from '@sealpost/contracts';

interface AclEntry {
  resourceType: AclResourceTypes;
  resourceName: string;
  resourcePatternType: ResourcePatternTypes;
  principal: string;
  host: string;
  operation: AclOperationTypes;
  permissionType: AclPermissionTypes;
}

function allow(principal: KafkaPrincipal, resourceType: AclResourceTypes, resourceName: string, pattern: ResourcePatternTypes, operation: AclOperationTypes): AclEntry {
  return { resourceType, resourceName, resourcePatternType: pattern, principal: `User:${kafkaUserName(principal)}`, host: '*', operation, permissionType: AclPermissionTypes.ALLOW };
}

/**
 * What each principal may do, and nothing more (the admin is the broker's super user): WRITE on
 * the topics it produces, READ on the topics it consumes and on its own consumer groups.
 */
export function desiredAcls(): AclEntry[] {
  return KAFKA_PRINCIPALS.filter((p): p is Exclude<KafkaPrincipal, 'admin'> => p !== 'admin').flatMap((principal) => {
    const grants = topicGrants(principal);
    const topics = grants.map((g) =>
      allow(principal, AclResourceTypes.TOPIC, g.topic, ResourcePatternTypes.LITERAL, g.operation === 'write' ? AclOperationTypes.WRITE : AclOperationTypes.READ),
    );
    const consumes = grants.some((g) => g.operation === 'read') && (SERVICE_NAMES as readonly string[]).includes(principal);
    const groups = consumes ? [allow(principal, AclResourceTypes.GROUP, consumerGroupPrefix(principal as ServiceName), ResourcePatternTypes.PREFIXED, AclOperationTypes.READ)] : [];
    return [...topics, ...groups];
  });
}

const key = (a: AclEntry) => [a.resourceType, a.resourceName, a.resourcePatternType, a.principal, a.host, a.operation, a.permissionType].join('|');

/** Makes the broker's ACLs for Sealpost principals exactly the desired set; returns how many there are. */
export async function applyKafkaAcls(admin: Admin): Promise<number> {
  const desired = desiredAcls();
  const wanted = new Set(desired.map(key));
  const principals = new Set(KAFKA_PRINCIPALS.map((p) => `User:${kafkaUserName(p)}`));
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const stale = resources
    .flatMap((r) => r.acls.map((a) => ({ resourceType: r.resourceType, resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, ...a }) as AclEntry))
    .filter((a) => principals.has(a.principal) && !wanted.has(key(a)));
  if (stale.length > 0) await admin.deleteAcls({ filters: stale });
  await admin.createAcls({ acl: desired });
  return desired.length;
}
