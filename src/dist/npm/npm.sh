#!/usr/bin/env bash
# Builds the npm packages with `npm pack`: freeport-cli (the launcher and the jar, for any OS with
# Java 17+) and freeport-cli-linux-x64 (the self-contained runtime, which freeport-cli lists as an
# optional dependency, the way esbuild ships its binaries). runtime.sh ran first.
#
#   npm.sh TARGET VERSION HOMEPAGE
set -euo pipefail
target=$1 version=$2 homepage=$3
src=$(dirname "$0")
out=$target/npm
umask 022
rm -rf "$out"
mkdir -p "$out"
for package in freeport-cli freeport-cli-linux-x64; do
  cp -r "$src/$package" "$out/$package"
  sed -i -e "s|@VERSION@|$version|g" -e "s|@HOMEPAGE@|$homepage|g" "$out/$package/package.json"
  install -m 644 LICENSE "$out/$package/LICENSE"
done
install -d "$out/freeport-cli/lib"
install -m 644 "$target/freeport.jar" "$out/freeport-cli/lib/freeport.jar"
chmod 755 "$out/freeport-cli/bin/freeport.js"
{
  echo "# freeport-cli"
  echo
  echo "Find and stop whatever holds a TCP or UDP port, safely."
  echo
  echo '    npx freeport-cli 8080'
  echo '    "prestart": "freeport-cli 3000 --yes --quiet"'
  echo
  echo "On Linux x64 it brings its own Java runtime; elsewhere it needs Java 17 or newer."
  echo "Documentation: $homepage"
} >"$out/freeport-cli/README.md"
runtime=$target/runtime/freeport-$version-linux-x64
cp -a "$runtime/bin" "$runtime/lib" "$out/freeport-cli-linux-x64/"
for package in freeport-cli freeport-cli-linux-x64; do
  (cd "$out/$package" && npm pack --silent --pack-destination "$target" >/dev/null)
done
