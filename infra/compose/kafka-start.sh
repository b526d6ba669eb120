#!/bin/bash
# Starts the official apache/kafka image as Sealpost's broker (docker-compose.yml): single-node
# KRaft, SASL/SCRAM-SHA-512 for every client, ACLs enforced. SCRAM users live in the cluster
# metadata, so they are created when the storage is formatted (first start of the volume).
# The `setup` service then creates the topics and each principal's ACLs as sealpost-admin.
set -euo pipefail
: "${CLUSTER_ID:?}" "${SEALPOST_KAFKA_ADMIN_PASSWORD:?}"
config=/tmp/server.properties
umask 077
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://kafka:9092
inter.broker.listener.name=SASL_PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="sealpost-admin" password="${SEALPOST_KAFKA_ADMIN_PASSWORD}";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="sealpost-admin" password="${SEALPOST_KAFKA_ADMIN_PASSWORD}" user_sealpost-admin="${SEALPOST_KAFKA_ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:sealpost-admin
allow.everyone.if.no.acl.found=false
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=720
log.segment.ms=86400000
PROPERTIES
users=()
for principal in admin business ingestion keys delivery retention audit; do
  variable="SEALPOST_KAFKA_${principal^^}_PASSWORD"
  users+=(--add-scram "SCRAM-SHA-512=[name=sealpost-${principal},password=${!variable:?set ${variable}}]")
done
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted -t "$CLUSTER_ID" -c "$config" "${users[@]}"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
