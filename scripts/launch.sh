# Runs $jar with the JVM flags and the class archive that make freeport start fast.
# Sourced by scripts/freeport (from a checkout) and by the freeport that scripts/install puts on
# PATH. Expects: jar (the jar to run), cds_dir (where archives go; skipped if not writable).
#
# FREEPORT_JAVA picks the java to run (default: $JAVA_HOME/bin/java, then java on PATH).
# FREEPORT_CDS=0 turns the archive off. The first run with a new jar or JDK trains a class
# archive (AppCDS on JDK 17-24, the AOT cache on JDK 25+) that every later run maps.

java=${FREEPORT_JAVA:-}
if [[ -z $java ]]; then
  java=java
  [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] && java=$JAVA_HOME/bin/java
fi
if ! command -v "$java" >/dev/null; then
  echo "freeport: no java found: install Java 17 or newer, or set JAVA_HOME or FREEPORT_JAVA" >&2
  exit 1
fi
# A short-lived CLI: no JIT beyond C1, the serial GC, no perf-data file.
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m)

if [[ ${FREEPORT_CDS:-1} != 0 ]]; then
  # Everything here is bash built-ins but one readlink: this runs before every command.
  home=$(readlink -f "$(command -v "$java")")
  home=${home%/bin/java}
  version='' release=''
  if [[ -r $home/release ]]; then
    while IFS= read -r line; do
      release+="$line"
      [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]] && version=${BASH_REMATCH[1]}
    done <"$home/release"
  fi
  if [[ $version =~ ^[0-9]+$ && $version -ge 17 ]]; then
    id=${home//[^A-Za-z0-9._-]/_}-${#release}
    mkdir -p "$cds_dir" 2>/dev/null || true
    if (( version >= 25 )); then
      archive="$cds_dir/$id.aot"
      make=(-XX:AOTCacheOutput="$archive" -Xlog:aot=off -Xlog:cds=off)
      use=(-XX:AOTCache="$archive" -Xlog:aot=off -Xlog:cds=off)
    else
      archive="$cds_dir/$id.jsa"
      make=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
      use=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
    if [[ -w $cds_dir && ( ! -f $archive || $jar -nt $archive ) ]]; then
      echo "freeport: preparing a start-up archive for this JDK (once) ..." >&2
      rm -f "$archive"
      "$java" "${flags[@]}" "${make[@]}" -cp "$jar" dev.freeport.Training >/dev/null 2>&1 || rm -f "$archive"
    fi
    [[ -f $archive ]] && flags+=("${use[@]}")
  fi
fi

exec "$java" "${flags[@]}" -cp "$jar" dev.freeport.Main "$@"
