#!/usr/bin/env bash
# Node registration checks on one thread: registrations per second of a field-client identity (checks 1-8 of
# contract §2, as POST /register-node-id runs them, without the database write) and the cost of refusing an
# RSA-16384 certificate. Prints the figures; copy them into docs/benchmarks.md with the machine and load average.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -pl hub-adapter-http -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.cp >/dev/null
cp="hub-adapter-http/target/test-classes:hub-adapter-http/target/classes:$(cat hub-adapter-http/target/bench.cp)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
exec taskset -c 0 "$JAVA" -cp "$cp" network.dpc.hub.adapter.http.node.NodeCheckBenchmark "$@"
