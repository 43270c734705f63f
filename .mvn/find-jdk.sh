#!/bin/sh
# Prints the home of the newest JDK >= 25 found on this machine, or explains in one line (on stderr) how to point
# at one and exits 1. Looks in $EDGEDECK_JAVA_HOME, $JAVA_HOME, then the usual install folders.
# Usage: find-jdk.sh [java|javac]   (javac: a full JDK is needed, e.g. for building)
need=${1:-java}
required=25
best=""; best_major=0
major_of() { # reads JAVA_VERSION="25.0.1" from the release file
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$v" ] && echo "$v" || echo 0
}
consider() {
  [ -n "$1" ] && [ -x "$1/bin/$need" ] || return 0
  m=$(major_of "$1")
  if [ "$m" -ge "$required" ] && [ "$m" -gt "$best_major" ]; then best=$1; best_major=$m; fi
}
# an explicit choice wins when it qualifies
for home in "$EDGEDECK_JAVA_HOME" "$JAVA_HOME"; do
  consider "$home"
  [ -n "$best" ] && { echo "$best"; exit 0; }
done
for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*/jdk* "$HOME"/.sdkman/candidates/java/* \
            "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  consider "$home"
done
if [ -z "$best" ]; then
  echo "EdgeDeck needs a JDK $required or newer and found none: install one (e.g. Temurin $required) or set JAVA_HOME to it, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-$required-jdk-amd64" >&2
  exit 1
fi
echo "$best"
