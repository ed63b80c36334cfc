#!/usr/bin/env bash
# kafka-topics.sh --bootstrap-server ... --create|--list|--describe ...: the topic tool.
KAFKA_LOG_LEVEL="${KAFKA_LOG_LEVEL:-warn}" exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.TopicCommand "$@"
