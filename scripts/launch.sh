# Runs $jar with the JVM flags and the class archive that make freeport start fast. POSIX sh,
# sourced by scripts/freeport (from a checkout), by the freeport that scripts/install puts on
# PATH, and by bin/freeport of the portable archive. Expects: jar (the jar to run), cds_dir
# (where class archives go; empty for none) and checkout (scripts/freeport: its checkout, whose
# pom.xml and src/main, when newer than $jar, make this call freeport_build; empty for none;
# when set, jar and cds_dir are absolute).
#
# shellcheck shell=sh disable=SC2154 # jar, cds_dir and checkout come from the caller
#
# FREEPORT_JAVA picks the java to run (default: $JAVA_HOME/bin/java, then java on PATH); it must
# be Java 17 or newer, or this says so in one line and exits 1. FREEPORT_CDS=0 turns the archive
# off. The first run with a new jar or JDK trains a class archive (AppCDS on JDK 17-24, the AOT
# cache on JDK 25+) that every later run maps, but only from a folder and a file that nobody but
# this user or root can write: a class archive is code, and mapping one that another user could
# replace would run their code as this user.
#
# Each process started costs about a millisecond, more than all the rest: a common run starts
# one, find (the archive's trust and, from a checkout, the sources' age), before java.

nl='
'

# One line on stderr and exit 1, with the way to get Java on this OS.
freeport_no_java() {
  case $(uname -s 2>/dev/null) in
    Darwin) hint='brew install openjdk@17' ;;
    Linux) hint='sudo apt install openjdk-17-jre-headless, or your distribution'"'"'s Java 17+ package' ;;
    *) hint='https://adoptium.net' ;;
  esac
  echo "freeport: $1: install Java 17 or newer (e.g. $hint), or set JAVA_HOME or FREEPORT_JAVA" >&2
  exit 1
}

# True when $1 is absolute with no symlink and no empty, . or .. part: as readlink -f prints it.
freeport_canonical() {
  case $1/ in
    *//* | */./* | */../*) return 1 ;;
    /*) ;;
    *) return 1 ;;
  esac
  up=$1
  while [ -n "$up" ]; do
    [ ! -L "$up" ] || return 1
    up=${up%/*}
  done
}

# Sets $mangled to $1 with every character outside [A-Za-z0-9._-] replaced by _ (no fork).
freeport_mangle() {
  rest=$1 mangled=
  while [ -n "$rest" ]; do
    c=${rest%"${rest#?}"} rest=${rest#?}
    case $c in
      [A-Za-z0-9._-]) mangled=$mangled$c ;;
      *) mangled=${mangled}_ ;;
    esac
  done
}

# Sets $uid to this user's effective id, for find -user: from /proc (no process), else bash's
# EUID or id -u.
freeport_uid() {
  uid=
  if [ -r /proc/self/status ]; then
    while read -r key _ uid _; do
      [ "$key" = Uid: ] && break
      uid=
    done </proc/self/status
  fi
  # shellcheck disable=SC3028 # bash's EUID saves a fork; other shells ask id
  case $uid in
    '' | *[!0-9]*) uid=${EUID:-$(id -u)} ;;
  esac
}

# True when each path given is this user's own and not a link (find looks at a link itself).
freeport_mine() {
  for p; do
    [ ! -L "$p" ] && [ -O "$p" ] || return 1
  done
}

# One find for what must be checked before java runs. Sets $trusted when find lists each path
# given (not entered) as owned by this user or root and writable by neither group nor others;
# anything else it prints (a path found wanting is not listed, an error is) leaves it empty.
# From a checkout, find runs there and first looks for ./pom.xml or a file under ./src/main
# newer than $jar: it sets $stale and stops at the first.
freeport_check() {
  trusted='' stale='' want='' ok=1 mine=''
  for p; do
    want=${want:+$want$nl}$p
    # In the checkout, ./ is the sources and a relative path is not the one mapped.
    case $p in /*) ;; *) [ -z "${checkout:-}" ] || ok='' ;; esac
  done
  [ $# -gt 0 ] || [ -n "${checkout:-}" ] || return 0
  # find -user looks the user up (a database, maybe a daemon): not needed when -O settles it.
  if freeport_mine "$@"; then mine=1; fi
  found=$(
    if [ -n "${checkout:-}" ]; then
      cd "$checkout" || exit
      set -- ./pom.xml ./src/main "$@" -path './*' -newer "$jar" -print -quit -o ! -path './*'
    fi
    set -- "$@" -prune \( -perm -0020 -o -perm -0002
    if [ -z "$mine" ]; then
      freeport_uid
      set -- "$@" -o ! \( -user "$uid" -o -user 0 \)
    fi
    # LC_ALL=C: what find says is only compared, and a locale costs it a dozen files to load.
    LC_ALL=C exec find "$@" -o -print \) 2>&1
  ) || :
  if [ -n "${checkout:-}" ]; then
    case $nl$found in *"$nl./"*) stale=1 ;; esac
  fi
  # -O again: a path replaced while find ran is not the one it passed.
  if [ -n "$mine" ] && ! freeport_mine "$@"; then ok=''; fi
  if [ -n "$ok" ] && [ $# -gt 0 ] && [ "$found" = "$want" ]; then trusted=1; fi
}

# JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS are meant for the user's Java
# applications, not for freeport's own JVM (nor the one that trains its archive): there they
# would steer it (-Djava.net.preferIPv4Stack=true takes away the IPv6 check of a port) and make
# it print "Picked up ..." on stderr, even under --quiet.
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS

java=${FREEPORT_JAVA:-}
if [ -z "$java" ]; then
  java=java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; fi
fi
# What command -v finds (bash's: an executable file, by path or on PATH), without a subshell.
java_path=
case $java in
  */*) if [ -f "$java" ] && [ -x "$java" ]; then java_path=$java; fi ;;
  *)
    rest=${PATH-}:
    while [ -n "$rest" ]; do
      dir=${rest%%:*} rest=${rest#*:}
      if [ -f "${dir:-.}/$java" ] && [ -x "${dir:-.}/$java" ]; then java_path=${dir:-.}/$java; break; fi
    done
    ;;
esac
[ -n "$java_path" ] || freeport_no_java "no java found ('$java')"

# The version from the JDK's release file next to bin/java: no JVM start on the common path.
# readlink -f only when a link is in the way (e.g. /usr/bin/java -> /etc/alternatives/java).
if freeport_canonical "$java_path"; then
  java_home=$java_path
else
  java_home=$(readlink -f "$java_path" 2>/dev/null) || java_home=$java_path
fi
java_home=${java_home%/bin/java}
java_version='' release_size=0
if [ -r "$java_home/release" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    release_size=$((release_size + ${#line}))
    case $line in
      JAVA_VERSION=*) java_version=${line#JAVA_VERSION=\"} java_version=${java_version%%[!0-9]*} ;;
    esac
  done <"$java_home/release"
fi
if [ -z "$java_version" ]; then
  # No release file (or not a JDK layout): ask the java itself, once per run.
  java_said=$("$java_path" -XshowSettings:properties -version 2>&1) \
    || freeport_no_java "'$java_path' does not run as Java (exit $?)"
  java_version=${java_said#*java.specification.version = }
  [ "$java_version" = "$java_said" ] && freeport_no_java "'$java_path' does not run as Java"
  java_version=${java_version%%[!0-9]*}
  java_version=${java_version#1.}   # Java 8 and older say 1.N
fi
case $java_version in
  '' | *[!0-9]*) freeport_no_java "cannot tell which Java '$java_path' is" ;;
esac
[ "$java_version" -ge 17 ] || freeport_no_java "'$java_path' is Java $java_version, too old"

# A short-lived CLI: no JIT beyond C1, the serial GC with a small young generation (peak RSS stays
# low at tens of thousands of sockets, at no cost to a small run), no perf-data file.
set -- -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -Xmn8m -cp "$jar" dev.freeport.Main "$@"
# JDK 24+ warns on stderr when JNA calls native code (a forced stop, --signal INT) unless it is
# allowed; -cp ignores the jar's Enable-Native-Access. Not on older JDKs: on 17 the flag turns
# off the archived module graph, which costs start-up.
native_access=
if [ "$java_version" -ge 24 ]; then
  native_access=--enable-native-access=ALL-UNNAMED
  set -- "$native_access" "$@"
fi

archive=
if [ "${FREEPORT_CDS:-1}" != 0 ] && [ -n "${cds_dir:-}" ]; then
  freeport_mangle "$java_home"
  archive_id=$mangled-$release_size
  if [ "$java_version" -ge 25 ]; then
    archive=$cds_dir/$archive_id.aot
    make_flag=-XX:AOTCacheOutput use_flag=-XX:AOTCache quiet=-Xlog:aot=off
  else
    archive=$cds_dir/$archive_id.jsa
    make_flag=-XX:ArchiveClassesAtExit use_flag=-XX:SharedArchiveFile quiet=-Xlog:cds+dynamic=off
  fi
  [ -d "$cds_dir" ] || (umask 077 && mkdir -p "$cds_dir") 2>/dev/null || :
fi

# Sets $plan: use the archive when it is there and not older than the jar, else train one when
# its folder can be written; then has freeport_check look at what the plan needs trusted.
freeport_plan() {
  plan=
  # shellcheck disable=SC3013 # -nt: in dash, bash, zsh, busybox and macOS sh alike
  if [ -z "$archive" ]; then
    freeport_check
  elif [ -f "$archive" ] && [ ! "$jar" -nt "$archive" ]; then
    plan=use
    freeport_check "$cds_dir" "$archive"
  elif [ -d "$cds_dir" ] && [ -w "$cds_dir" ]; then
    plan=train
    freeport_check "$cds_dir"
  else
    freeport_check
  fi
}
freeport_plan
# From a checkout with sources newer than the jar: build (scripts/freeport), then plan again.
if [ -n "$stale" ]; then
  freeport_build
  checkout=
  freeport_plan
fi

if [ "$plan" = use ]; then
  if [ -n "$trusted" ]; then
    set -- "$use_flag=$archive" -Xlog:cds=off "$quiet" "$@"
  else
    echo "freeport: not using $archive: another user can write it or its folder (FREEPORT_CDS=0 hides this)" >&2
  fi
elif [ "$plan" = train ] && [ -n "$trusted" ]; then
  echo "freeport: preparing a start-up archive for this JDK (once) ..." >&2
  # Trained under a private name and renamed, so a run at the same time never maps half a file.
  partial=${archive%.*}.$$.partial.${archive##*.}
  if "$java_path" ${native_access:+"$native_access"} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m -Xmn8m \
      "$make_flag=$partial" -Xlog:cds=off "$quiet" -cp "$jar" dev.freeport.Training >/dev/null 2>&1 \
      && [ -f "$partial" ] && chmod 644 "$partial" && mv -f "$partial" "$archive"; then
    set -- "$use_flag=$archive" -Xlog:cds=off "$quiet" "$@"
  fi
  rm -f "$partial"
fi

exec "$java_path" "$@"
