#!/usr/bin/env bash
# Relay throughput and latency, one instance vs. two instances joined by the PostgreSQL bus, on a durable embedded
# PostgreSQL. Arguments go to ClusterRelayBenchmark (--pairs 100 --rate 20 --seconds 20 --warmup 30 --bytes 300
# --write).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# one reactor run, so the sibling modules resolve to their target/ folders (nothing is installed)
./mvnw -B -q -pl hub-bootstrap -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.cp >/dev/null
cp="hub-bootstrap/target/test-classes:hub-bootstrap/target/classes:$(cat hub-bootstrap/target/bench.cp)"
exec "$JAVA" -cp "$cp" network.dpc.hub.bootstrap.ClusterRelayBenchmark "$@"
