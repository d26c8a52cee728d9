#!/usr/bin/env bash
# Profile search at scale: loads N synthetic profiles into a fresh embedded PostgreSQL, starts a hub on it and
# measures discovery over HTTP; appends the figures to docs/benchmarks.md. Sizes as a comma list (default 100000):
#   bench/search.sh 100000,1000000
# Needs ~3 GB of free disk per million profiles (in the temp directory) and some minutes per million.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
exec ./mvnw -B -q -Pbench -pl hub-bench -am -DskipTests verify -Dbench.sizes="${1:-100000}"
