#!/usr/bin/env bash
# Regenerates test/conformance/vectors from the Java reference: builds test/conformance/java
# (Kafka Streams 3.9.1 from Maven Central; needs Java 17+ and Maven), runs every scenario on Java's
# TopologyTestDriver and writes one vector per scenario, then records the hash of the Java sources
# in test/conformance/java-sources.sha256 (scripts/conformance-check.sh compares it in CI).
#   npm run conformance:generate                     all scenarios, stale vectors removed, hash updated
#   npm run conformance:generate -- table-source     only the scenarios named; the hash is left alone
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

java_dir=test/conformance/java
vectors=test/conformance/vectors

# Maven 3.8 writes bare ANSI resets even with -q and no colour; strip them (pipefail keeps mvn's status)
mvn -B -q -Dstyle.color=never -f "$java_dir/pom.xml" compile 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g' -e '/^$/d'
classpath="$java_dir/target/classes:$(cat "$java_dir/target/classpath.txt")"

if [ "$#" -eq 0 ]; then
  mkdir -p "$vectors"
  rm -f "$vectors"/*.json
fi
java -cp "$classpath" dev.kstreams.conformance.Generator "$vectors" "$@"

if [ "$#" -eq 0 ]; then
  bash scripts/conformance-hash.sh > test/conformance/java-sources.sha256
  echo "recorded the Java sources' hash in test/conformance/java-sources.sha256"
else
  echo "regenerated only: $*; run without arguments before committing, to refresh every vector and the hash"
fi
