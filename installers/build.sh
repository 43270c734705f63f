#!/usr/bin/env bash
# Builds EdgeDeck's installers into installers/target/ with JDK 25's jlink and jpackage:
#   runtime/          a trimmed Java runtime (JDK modules + JavaFX linked as modules)
#   EdgeDeck/         the self-contained app image (bin/EdgeDeck needs no Java on the machine)
#   edgedeck_*.deb    Debian/Ubuntu package; edgedeck-*.rpm too when rpmbuild is installed
#   On macOS: EdgeDeck.app and EdgeDeck-*.dmg instead. Windows: installers/windows/build.ps1.
# Usage: installers/build.sh [--no-maven] [--app-image-only]      (from any folder)
#   --no-maven        reuse app/target/edgedeck.jar and app/target/lib/ from an earlier build
#   --app-image-only  stop after the app image (no .deb/.rpm)
# Needs: a JDK >= 25 (found like ./mvnw does), and for the .deb dpkg-deb and fakeroot.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
target="$here/target"
run_maven=1
packages=1
for arg in "$@"; do
    case "$arg" in
        --no-maven) run_maven=0 ;;
        --app-image-only) packages=0 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
    esac
done

say() { echo "installers: $*" >&2; }
fail() { echo "installers: $*" >&2; exit 1; }
elapsed() { echo "$(( $(date +%s) - started ))s"; }
started=$(date +%s)

jdk=$("$root/.mvn/find-jdk.sh" javac) || exit 1
for tool in jlink jpackage; do
    [ -x "$jdk/bin/$tool" ] || fail "$jdk has no $tool: a full JDK 25 is needed (Temurin or OpenJDK, not a JRE)"
done
# What differs between the platforms: JavaFX's jar classifier and native libraries, the icon, the packages
case "$(uname -s)" in
    Linux)
        os=linux; native_glob='*.so'; platform_launcher=(--icon icon/edgedeck.png --app-content linux/udev)
        case "$(uname -m)" in
            x86_64) keep_rocksdb=librocksdbjni-linux64.so ;;
            aarch64) keep_rocksdb=librocksdbjni-linux-aarch64.so ;;
            *) keep_rocksdb="" ;;
        esac ;;
    Darwin)
        os=macos; native_glob='*.dylib'; platform_launcher=(@macos/launcher.txt)
        case "$(uname -m)" in
            arm64) keep_rocksdb=librocksdbjni-osx-arm64.jnilib ;;
            *) keep_rocksdb=librocksdbjni-osx-x86_64.jnilib ;;
        esac ;;
    *) fail "this script builds the Linux and macOS installers; on Windows run installers\\windows\\build.ps1" ;;
esac

# 1. The application: app/target/edgedeck.jar + app/target/lib/*.jar
if [ "$run_maven" = 1 ]; then
    say "building the application (mvnw package)..."
    (cd "$root" && ./mvnw -B -q -DskipTests package -pl app -am) || fail "the Maven build failed; run './mvnw -DskipTests package' to see why"
fi
app="$root/app/target"
[ -f "$app/edgedeck.jar" ] && [ -d "$app/lib" ] || fail "app/target/edgedeck.jar is missing: run without --no-maven"

# Version from the build (jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0)
full_version=$(sed -n 's/^version=//p' "$app/classes/io/edgedeck/app/version.properties")
version=${full_version%%-*}
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "cannot turn the project version '$full_version' into a numeric one"
if [ "$os" = macos ] && [ "${version%%.*}" = 0 ]; then
    # macOS bundles refuse a version starting with 0 (CFBundleVersion); until EdgeDeck 1.0 say so and use 1.0.0
    version=${EDGEDECK_MAC_VERSION:-1.0.0}
    say "macOS needs a version >= 1: packaging as $version (set EDGEDECK_MAC_VERSION to choose)"
fi
say "EdgeDeck $full_version -> package version $version"

rm -rf "$target"
mkdir -p "$target/input/lib" "$target/work"

# 2. The class path: everything but JavaFX (linked into the runtime as modules below)
javafx_modules=()
for jar in "$app"/lib/*.jar; do
    name=$(basename "$jar")
    case "$name" in
        javafx-*) # javafx-base-25.0.2-linux.jar holds the module; javafx-base-25.0.2.jar is an empty placeholder
            if [[ "$name" =~ ^javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\.jar$ ]]; then javafx_modules+=("$jar"); fi ;;
        *) cp "$jar" "$target/input/lib/" ;;
    esac
done
cp "$app/edgedeck.jar" "$target/input/"
[ ${#javafx_modules[@]} -gt 0 ] || fail "no platform JavaFX jars (javafx-*-$os*.jar) in app/target/lib"

# RocksDB (a HiveMQ CE dependency) carries native libraries for 13 platforms (≈ 150 MB unpacked): keep this one's
rocksdb=$(ls "$target"/input/lib/rocksdbjni-*.jar 2>/dev/null | head -n 1 || true)
if [ -n "$rocksdb" ] && [ -n "$keep_rocksdb" ] && command -v zip >/dev/null; then
    others=$(unzip -Z1 "$rocksdb" | grep -E '^librocksdbjni-.*\.(so|jnilib|dll)$' | grep -vx "$keep_rocksdb" || true)
    if [ -n "$others" ]; then
        # shellcheck disable=SC2086
        zip -q -d "$rocksdb" $others
    fi
fi

# 3. The runtime: JDK modules from the running JDK (Temurin 25 has no jmods; jlink links from its own image) and
#    JavaFX from its modular jars. JavaFX's native libraries go to runtime/lib, where it finds them first.
modules=$(sed -e 's/#.*//' "$here/common/jdk-modules.txt" | tr -s ' \n' '\n' | sed '/^$/d' | paste -sd, -)
say "linking the runtime ($modules)..."
module_path=$(IFS=:; echo "${javafx_modules[*]}")
"$jdk/bin/jlink" --module-path "$module_path" --add-modules "$modules" \
    --include-locales=en,de,fr,es,it,nl,pt,pl,cs,sv,da,fi,nb,ja,zh,ko \
    --exclude-resources="glob:/javafx.graphics/$native_glob" \
    --generate-cds-archive \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$target/runtime"
for jar in "${javafx_modules[@]}"; do
    (cd "$target/runtime/lib" && unzip -q -o -j "$jar" "$native_glob" 2>/dev/null) || true
done
# The class-data-sharing archive speeds up start; its variant for heaps over 32 GB is not worth 15 MB
rm -f "$target/runtime/lib/server/classes_nocoops.jsa"
ls "$target"/runtime/lib/libglass* >/dev/null 2>&1 || fail "JavaFX's native libraries did not reach the runtime"

# 4. The app image
say "building the app image..."
(cd "$here" && "$jdk/bin/jpackage" @common/jpackage.txt @common/launcher.txt --type app-image --app-version "$version" \
    "${platform_launcher[@]}" --input "$target/input" --runtime-image "$target/runtime" --dest "$target" --temp "$target/work/app-image")
image="$target/EdgeDeck"
[ "$os" = macos ] && image="$target/EdgeDeck.app"
[ -d "$image" ] || fail "jpackage made no app image"
say "app image: $image ($(du -sh "$image" | cut -f1))"

# 5. Native packages from the app image
if [ "$packages" = 1 ] && [ "$os" = macos ]; then
    say "building the .dmg..."
    (cd "$here" && "$jdk/bin/jpackage" @common/jpackage.txt @macos/jpackage-macos.txt \
        --app-version "$version" --app-image "$image" --dest "$target" --temp "$target/work/dmg")
elif [ "$packages" = 1 ]; then
    if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
        say "building the .deb..."
        (cd "$here" && "$jdk/bin/jpackage" @common/jpackage.txt @linux/jpackage-linux.txt @linux/deb.txt --type deb \
            --app-version "$version" --app-image "$image" --dest "$target" --temp "$target/work/deb")
        say "deb: $(ls "$target"/*.deb) ($(du -h "$target"/*.deb | cut -f1))"
    else
        say "no .deb: jpackage needs dpkg-deb and fakeroot (sudo apt-get install fakeroot)"
    fi
    if command -v rpmbuild >/dev/null; then
        say "building the .rpm..."
        (cd "$here" && "$jdk/bin/jpackage" @common/jpackage.txt @linux/jpackage-linux.txt @linux/rpm.txt --type rpm \
            --app-version "$version" --app-image "$image" --dest "$target" --temp "$target/work/rpm")
        say "rpm: $(ls "$target"/*.rpm)"
    else
        say "no .rpm: rpmbuild is not installed (Debian/Ubuntu: sudo apt-get install rpm); skipped"
    fi
fi
rm -rf "$target/work" "$target/input"
say "done in $(elapsed): $target"
