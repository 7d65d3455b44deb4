#!/usr/bin/env bash
# CI: are the committed conformance vectors the ones the committed Java sources generate?
# When the Java sources' hash matches test/conformance/java-sources.sha256, yes, without running Java.
# Otherwise the vectors are regenerated here (Java 17+ and Maven needed) and the check fails either
# way: with the vectors that changed, or, if none did, because the recorded hash is stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

hash_file=test/conformance/java-sources.sha256
vectors=test/conformance/vectors
recorded=$(cat "$hash_file" 2> /dev/null || echo "none")
actual=$(bash scripts/conformance-hash.sh)

if [ "$recorded" = "$actual" ]; then
  echo "conformance vectors up to date"
  exit 0
fi

echo "the Java conformance sources changed (hash $actual, recorded $recorded): regenerating the vectors"
bash scripts/conformance-generate.sh

changes=$(git status --porcelain --untracked-files=all -- "$vectors")
if [ -n "$changes" ]; then
  echo "the regenerated vectors differ from the committed ones:"
  echo "$changes"
  git --no-pager diff --stat -- "$vectors"
  echo "run 'npm run conformance:generate', make the TypeScript conformance tests pass (fix kstreams, not the vectors)," \
    "and commit $vectors with $hash_file"
  exit 1
fi
echo "the vectors are unchanged, but $hash_file is stale: run 'npm run conformance:generate' and commit $hash_file"
exit 1
