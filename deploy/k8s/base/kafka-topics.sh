#!/bin/sh
# Creates each topic in LINLI_TOPICS and its dead-letter topic <topic>.dlq unless it exists, with
# KAFKA_TOPIC_PARTITIONS partitions and KAFKA_TOPIC_REPLICATION replicas; safe to run again. Run by
# docker-compose's kafka-init and by the Kubernetes Job kafka-topics (apache/kafka image).
# Events are keyed `tenant_id:aggregate_id`: one aggregate's events stay in order on one partition, and a
# district's aggregates spread over all of them. Adding partitions later moves keys: see deploy/k8s/README.md.
set -eu
bin="${KAFKA_TOPICS_BIN:-/opt/kafka/bin/kafka-topics.sh}"
bootstrap="${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP to the brokers (host:port,...)}"
partitions="${KAFKA_TOPIC_PARTITIONS:?set KAFKA_TOPIC_PARTITIONS}"
replication="${KAFKA_TOPIC_REPLICATION:?set KAFKA_TOPIC_REPLICATION}"
# A cluster with TLS or SASL: KAFKA_CLIENT_CONFIG names a client properties file (mounted from a Secret).
set -- --bootstrap-server "$bootstrap"
if [ -n "${KAFKA_CLIENT_CONFIG:-}" ]; then
  set -- "$@" --command-config "$KAFKA_CLIENT_CONFIG"
fi
existing=" $("$bin" "$@" --list | tr '\n' ' ') "
created=0
for topic in ${LINLI_TOPICS:?set LINLI_TOPICS}; do
  for name in "$topic" "$topic.dlq"; do
    case "$existing" in *" $name "*) continue ;; esac
    "$bin" "$@" --create --if-not-exists --topic "$name" \
      --partitions "$partitions" --replication-factor "$replication"
    created=$((created + 1))
  done
done
echo "topics ready ($created created)"
