#!/usr/bin/env bash
# Runs a class of the Kafka jars in /opt/kafka/libs, like the official distribution's script of the same name.
set -euo pipefail
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel="${KAFKA_LOG_LEVEL:-info}" -cp '/opt/kafka/libs/*' "$@"
