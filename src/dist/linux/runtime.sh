#!/usr/bin/env bash
# Builds the self-contained Linux x64 runtime: a jlink image of only the modules freeport needs
# (debug stripped, no headers or man pages), freeport's jar, a class archive generated now by
# running freeport's training, and bin/freeport. Then packs it as a .tar.gz.
#
#   runtime.sh JDK_HOME TARGET VERSION
#
# The archive is dumped with a class path relative to the runtime's root (lib/freeport.jar) and
# bin/freeport runs java from that root: on JDK 17 an archive records its class path, and an
# absolute one would tie it to this build folder. The image is never written after this, so it
# may be installed read-only and shared by every user.
set -euo pipefail
# The builder's JVM options are not the runtime's: the training and the archive do without them.
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS
jdk=$1 target=$2 version=$3
name=freeport-$version-linux-x64
out=$target/runtime/$name
# Found with jdeps and the class-loading log of the training run: java.base, plus
# java.management for OSHI's and JNA's uses, java.logging for JNA's logger, jdk.unsupported for
# sun.misc.Signal (a Ctrl+Z is held back while processes are frozen).
modules=java.base,java.logging,java.management,jdk.unsupported

rm -rf "$target/runtime"
mkdir -p "$out/lib" "$out/bin"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/lib/runtime"
install -m 644 "$target/freeport.jar" "$out/lib/freeport.jar"
install -m 755 "$(dirname "$0")/freeport" "$out/bin/freeport"
# JNA's native part, unpacked once here: otherwise JNA copies it out of the jar into a temp
# folder on every stop (which fails where that folder is mounted noexec).
install -d -m 755 "$out/lib/jna"
(cd "$target/runtime" && "$jdk/bin/jar" xf "$out/lib/freeport.jar" com/sun/jna/linux-x86-64/libjnidispatch.so)
install -m 644 "$target/runtime/com/sun/jna/linux-x86-64/libjnidispatch.so" "$out/lib/jna/libjnidispatch.so"
rm -rf "$target/runtime/com"

# Training: every class freeport's main paths load, then one static archive of them all.
(
  cd "$out"
  lib/runtime/bin/java -Xshare:off -XX:DumpLoadedClassList=../classes.txt -Djna.boot.library.path=lib/jna \
    -cp lib/freeport.jar dev.freeport.Training
  lib/runtime/bin/java -Xshare:dump -XX:SharedClassListFile=../classes.txt -XX:SharedArchiveFile=lib/freeport.jsa \
    -cp lib/freeport.jar >../dump.log 2>&1 || { cat ../dump.log >&2; exit 1; }
  chmod 644 lib/freeport.jsa
)

install -d -m 755 "$out/share/man/man1" "$out/share/completion"
install -m 644 "$target/freeport.1" "$out/share/man/man1/freeport.1"
install -m 644 "$target"/completion/* "$out/share/completion/"
install -m 644 README.md CHANGELOG.md LICENSE "$out/"
chmod -R go-w "$out"
tar -C "$target/runtime" --owner=0 --group=0 --numeric-owner -czf "$target/$name.tar.gz" "$name"
