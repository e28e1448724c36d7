#!/usr/bin/env bash
# Runs the tests that load cdk8s in-process against the oldest cdk8s and constructs that the
# peer ranges in package.json accept (cdk8s-plus-28 and everything else stay at the dev copies).
# The two packages are unpacked into .peers/ (bundled dependencies included) and mapped over the
# dev copies for every module, cdk8s-plus-28 included (scripts/jest.peers.config.js).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.peers
rm -rf "$dir"
mkdir -p "$dir/node_modules"
for name in cdk8s constructs; do
  range=$(node -p "require('./package.json').peerDependencies['$name']")
  version=${range#[\^~]}
  case "$version" in *[!0-9.]*) echo "cannot take the oldest version of $name from the range \"$range\"" >&2; exit 1;; esac
  tarball=$(npm pack --silent --pack-destination "$dir" "$name@$version")
  mkdir -p "$dir/node_modules/$name"
  tar -xzf "$dir/$tarball" -C "$dir/node_modules/$name" --strip-components=1
  echo "$name $version"
  export "PEER_$(echo "$name" | tr a-z A-Z)_VERSION=$version"
done
npx jest --config scripts/jest.peers.config.js test/peer-versions.test.ts test/guard test/constructs test/plugin/validation-plugin.test.ts "$@"
