import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { TOPICS } from '@sealpost/contracts';
import { desiredAcls } from './kafka-acls';

describe('desiredAcls', () => {
  const acls = desiredAcls();
  const of = (user: string) => acls.filter((a) => a.principal === `User:sealpost-${user}`);

  it('allows only READ and WRITE, never cluster, create or config operations', () => {
    expect(new Set(acls.map((a) => a.operation))).toEqual(new Set([AclOperationTypes.READ, AclOperationTypes.WRITE]));
    expect(acls.every((a) => a.permissionType === AclPermissionTypes.ALLOW && a.resourceType !== AclResourceTypes.CLUSTER)).toBe(true);
  });

  it('gives the admin nothing (it is the super user) and a business producer one write', () => {
    expect(of('admin')).toEqual([]);
    expect(of('business')).toEqual([
      expect.objectContaining({ resourceType: AclResourceTypes.TOPIC, resourceName: TOPICS.messagesSubmit, operation: AclOperationTypes.WRITE }),
    ]);
  });

  it("gives a consuming service its own group prefix and the keys service's group no other topic", () => {
    expect(of('delivery')).toContainEqual(
      expect.objectContaining({ resourceType: AclResourceTypes.GROUP, resourceName: 'sealpost-delivery.', resourcePatternType: ResourcePatternTypes.PREFIXED, operation: AclOperationTypes.READ }),
    );
    expect(of('keys').filter((a) => a.operation === AclOperationTypes.READ && a.resourceType === AclResourceTypes.TOPIC).map((a) => a.resourceName)).toEqual([TOPICS.retentionCommands]);
  });
});
