#!/usr/bin/env bash
# kafka-server-start.sh <server.properties>: the broker in the foreground.
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
exec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"
