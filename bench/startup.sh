#!/usr/bin/env bash
# Measures the hub's time from launch to ready (/health/ready = 200): a cold first start (new data directory,
# initdb) and warm restarts, plus optionally the wall time of the README test command (--with-build).
# Prints a Markdown table; append it to docs/benchmarks.md by hand or with --write.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WRITE=no; BUILD=no
for a in "$@"; do case "$a" in --write) WRITE=yes;; --with-build) BUILD=yes;; esac; done

build_seconds=""
if [ "$BUILD" = yes ]; then
  s=$(date +%s.%N); ./mvnw -B -q verify >/dev/null; e=$(date +%s.%N)
  build_seconds=$(echo "$e - $s" | bc)
fi
[ -f hub-bootstrap/target/dpc-hub.jar ] || ./mvnw -B -q -DskipTests package
port=$(( 20000 + RANDOM % 20000 ))
data=$(mktemp -d)

launch_to_ready() {
  local s e pid
  s=$(date +%s%N)
  ( cd "$data" && PORT=$port HOST=127.0.0.1 DATA_DIR="$data/hub" exec "$JAVA" -jar "$OLDPWD/hub-bootstrap/target/dpc-hub.jar" ) >"$data/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.02; done
  e=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (e - s) / 1000000 ))
}

cold=$(launch_to_ready)
warm=()
for i in 1 2 3; do warm+=("$(launch_to_ready)"); done
rm -rf "$data"

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
jdk="$("$JAVA" -version 2>&1 | head -1)"
table="| $(date -u +%Y-%m-%d) | $machine | $jdk | ${cold} ms | ${warm[0]} / ${warm[1]} / ${warm[2]} ms | ${build_seconds:+${build_seconds%.*} s} |"
echo "| date | machine | JDK | cold start to ready | warm restarts to ready | \`./mvnw -B verify\` wall time |"
echo "|---|---|---|---|---|---|"
echo "$table"
if [ "$WRITE" = yes ]; then
  python3 - "$table" <<'PY'
import sys, re
path = "docs/benchmarks.md"
text = open(path).read()
marker = "<!-- startup-rows -->"
text = text.replace(marker, marker + "\n" + sys.argv[1])
open(path, "w").write(text)
PY
fi
