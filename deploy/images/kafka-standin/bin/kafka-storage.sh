#!/usr/bin/env bash
# kafka-storage.sh format|info|random-uuid ...: the storage tool.
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
