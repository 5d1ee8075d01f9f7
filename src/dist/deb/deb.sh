#!/usr/bin/env bash
# Builds freeport_VERSION_amd64.deb from the self-contained runtime (runtime.sh ran first): the
# runtime under /usr/lib/freeport, /usr/bin/freeport as a link to its launcher, the man page and
# the bash, zsh and fish completion where Debian's packages look for them.
#
#   deb.sh TARGET VERSION HOMEPAGE
set -euo pipefail
target=$1 version=$2 homepage=$3
runtime=$target/runtime/freeport-$version-linux-x64
root=$target/deb/root
umask 022
rm -rf "$target/deb"
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/doc/freeport"
cp -a "$runtime" "$root/usr/lib/freeport"
rm -rf "$root/usr/lib/freeport/share" "$root/usr/lib/freeport/README.md" "$root/usr/lib/freeport/CHANGELOG.md" \
  "$root/usr/lib/freeport/LICENSE"
ln -s ../lib/freeport/bin/freeport "$root/usr/bin/freeport"
gzip -9n <"$runtime/share/man/man1/freeport.1" >"$root/usr/share/man/man1/freeport.1.gz"
install -m 644 "$runtime/share/completion/freeport.bash" "$root/usr/share/bash-completion/completions/freeport"
install -m 644 "$runtime/share/completion/_freeport" "$root/usr/share/zsh/vendor-completions/_freeport"
install -m 644 "$runtime/share/completion/freeport.fish" "$root/usr/share/fish/vendor_completions.d/freeport.fish"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: freeport"
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  echo " On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0."
} >"$root/usr/share/doc/freeport/copyright"
gzip -9n <CHANGELOG.md >"$root/usr/share/doc/freeport/changelog.gz"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@SIZE@|$size|" -e "s|@HOMEPAGE@|$homepage|" "$(dirname "$0")/control" \
  >"$root/DEBIAN/control"
chmod -R go-w "$root"
dpkg-deb --root-owner-group -Zxz --build "$root" "$target/freeport_${version}_amd64.deb" >/dev/null
