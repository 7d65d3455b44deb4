#!/usr/bin/env bash
# Prints the sha256 of the conformance generator's sources: pom.xml and every .java file under
# test/conformance/java (paths sorted, each path and content hashed, then the list hashed).
# test/conformance/java-sources.sha256 records it for the vectors committed beside it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v sha256sum > /dev/null; then sha() { sha256sum "$@"; }; else sha() { shasum -a 256 "$@"; }; fi

find test/conformance/java -path test/conformance/java/target -prune -o -type f \( -name pom.xml -o -name '*.java' \) -print \
  | LC_ALL=C sort \
  | while read -r file; do sha "$file"; done \
  | sha \
  | cut -d' ' -f1
