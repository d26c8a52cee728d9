#!/usr/bin/env bash
# The signaling benchmark in one command: the hub's /ws/signal against the PeerJS server, same load generator, same
# run. Builds the hub's jar when it is missing, installs the generator's npm packages, raises the open-file limit,
# and prints a Markdown table; --write also inserts it into docs/benchmarks.md. Other options go to bench.mjs
# (e.g. --scenarios relay-20k,flat-out --seconds 5). `--servers cluster --scenarios cross-2k` runs the cross-instance
# relay instead: two hub processes on one PostgreSQL. Needs Node.js 20+, npm and a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && [ -z "${JAVA_HOME:-}" ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
write=no
args=()
for a in "$@"; do
  if [ "$a" = --write ]; then write=yes; else args+=("$a"); fi
done
# 15,000 sockets need 15,000 descriptors in the hub and as many in the generator (each process has its own limit).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 16000 ]; then
  echo "warning: open-file limit $(ulimit -n) is below the 16,000 the idle-socket scenario needs" >&2
fi
if [ ! -f "$root/hub-bootstrap/target/dpc-hub.jar" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package -pl hub-bootstrap -am)
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p out
node bench.mjs --jar "$root/hub-bootstrap/target/dpc-hub.jar" --json out/last-run.json "${args[@]}" | tee out/last-run.md
if [ "$write" = yes ]; then
  python3 - "$root/docs/benchmarks.md" out/last-run.md out/last-run.json <<'PY'
import json, sys
path, table = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
# a cluster run (--servers cluster) belongs to the cross-instance section, every other run to the PeerJS one
cluster = "cluster" in json.load(open(sys.argv[3]))["results"]
marker = "<!-- cluster-process-runs -->" if cluster else "<!-- signaling-runs -->"
if marker not in text:
    sys.exit("no " + marker + " in " + path)
open(path, "w").write(text.replace(marker, marker + "\n\n" + table + "\n", 1))
PY
  echo "written to docs/benchmarks.md" >&2
fi
