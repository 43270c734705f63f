#!/usr/bin/env bash
# CI check of the Linux installers: builds the app image and the .deb (installers/build.sh), inspects the .deb with
# dpkg-deb, unpacks it into a scratch root and runs the installed launcher there with no Java on PATH and no
# JAVA_HOME: --version, image-info on a generated firmware image, keys, operators and audit on a fresh H2 file,
# the console's refusal without a display, and -- when Mosquitto is installed -- simulate + collect + export
# through a real broker. With xvfb-run it also opens the window once and reports the time to first window.
# Usage: installers/check.sh [--no-build]      (--no-build: check what installers/target/ already holds)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
target="$here/target"
[ "${1:-}" = "--no-build" ] || "$here/build.sh"

failures=0
ok() { echo "check: ok   $*"; }
bad() { echo "check: FAIL $*" >&2; failures=$((failures + 1)); }
expect() { # expect DESCRIPTION NEEDLE HAYSTACK
    if grep -qF -- "$2" <<<"$3"; then ok "$1"; else bad "$1: '$2' not found in: $3"; fi
}

deb=$(ls "$target"/edgedeck_*.deb 2>/dev/null | head -n 1 || true)
[ -n "$deb" ] || { echo "check: FAIL no .deb in $target" >&2; exit 1; }
echo "check: $(basename "$deb"): $(du -h "$deb" | cut -f1); app image $(du -sh "$target/EdgeDeck" | cut -f1)"

# --- the package
contents=$(dpkg-deb -c "$deb")
for f in ./opt/edgedeck/bin/EdgeDeck ./opt/edgedeck/lib/edgedeck-EdgeDeck.desktop ./opt/edgedeck/lib/EdgeDeck.png \
         ./opt/edgedeck/lib/udev/70-edgedeck-serial.rules ./opt/edgedeck/lib/runtime/lib/libglassgtk3.so \
         ./opt/edgedeck/lib/runtime/lib/server/libjvm.so ./opt/edgedeck/lib/app/edgedeck.jar; do
    expect "package holds $f" " $f" "$contents"
done
if grep -q 'javafx-.*\.jar' <<<"$contents"; then bad "JavaFX jars on the class path (should be linked as modules)"; else ok "JavaFX only as runtime modules"; fi
expect "control: Package" "edgedeck" "$(dpkg-deb -f "$deb" Package)"
expect "control: Depends on GTK 3" "libgtk-3-0" "$(dpkg-deb -f "$deb" Depends)"

scratch=$(mktemp -d)
trap 'kill "${broker_pid:-}" 2>/dev/null || true; rm -rf "$scratch"' EXIT
dpkg-deb -e "$deb" "$scratch/control"
postinst=$(cat "$scratch/control/postinst")
expect "postinst installs the udev rule" 'install -D -m 644 /opt/edgedeck/lib/udev/70-edgedeck-serial.rules' "$postinst"
expect "postinst reloads udev rules" 'udevadm control --reload-rules' "$postinst"
expect "postinst adds the menu entry" 'xdg-desktop-menu install' "$postinst"
expect "postinst registers .bin firmware" 'xdg-mime install' "$postinst"
expect "prerm removes the udev rule" '70-edgedeck-serial.rules' "$(cat "$scratch/control/prerm")"

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
desktop=$(cat "$root/opt/edgedeck/lib/edgedeck-EdgeDeck.desktop")
expect "desktop entry passes the opened file" 'Exec=/opt/edgedeck/bin/EdgeDeck %f' "$desktop"
expect "desktop entry claims firmware images" 'MimeType=application/x-esp32-firmware' "$desktop"
expect "desktop entry has the icon" 'Icon=/opt/edgedeck/lib/EdgeDeck.png' "$desktop"
expect "mime type globs *.bin" '<glob pattern="*.bin">' "$(cat "$root"/opt/edgedeck/lib/*MimeInfo.xml)"
expect "udev rule covers the Espressif USB-Serial/JTAG" 'ATTRS{idVendor}=="303a", ATTRS{idProduct}=="1001", TAG+="uaccess"' \
    "$(cat "$root/opt/edgedeck/lib/udev/70-edgedeck-serial.rules")"

# --- the installed program, with no Java to be found: no PATH, no JAVA_HOME, a scratch home
launcher="$root/opt/edgedeck/bin/EdgeDeck"
work="$scratch/work"
mkdir -p "$work/home"
edgedeck() { (cd "$work" && env -i HOME="$work/home" EDGEDECK_HOME="$work/edgedeck" LANG=C.UTF-8 "$launcher" "$@"); }
run() { # run EXPECTED_CODE ARGS... ; output in $out
    set +e
    out=$(edgedeck "${@:2}" 2>&1)
    code=$?
    set -e
    [ "$code" = "$1" ] || bad "'edgedeck ${*:2}' exited $code, expected $1: $out"
}

run 0 --version
expect "--version names EdgeDeck" "EdgeDeck $(sed -n 's/^version=//p' "$here/../app/target/classes/io/edgedeck/app/version.properties")" "$out"
expect "--version runs on the bundled runtime" "JavaFX 25" "$out"

# the smallest valid ESP32 app image: header, extended header, one 16-byte DRAM segment, checksum 0xEF
{
    printf '\xe9\x01\x02\x20\x00\x00\x08\x40'
    printf '\xee\x00\x00\x00\x00\x00\x00\x00\x00\x8f\x01\x00\x00\x00\x00\x00'
    printf '\x00\x00\xfb\x3f\x10\x00\x00\x00'
    printf '\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f'
    head -c 15 /dev/zero
    printf '\xef'
} >"$work/tiny.bin"
run 0 image-info --json tiny.bin
expect "image-info reads a firmware image" '"checksum_valid" : true' "$out"
printf 'not firmware' >"$work/text.bin"
run 5 image-info text.bin

echo 'a passphrase for CI only' >"$work/pass"
run 0 keys generate --operator ci --out ci.key --passphrase-file pass
run 0 keys public --key ci.key --passphrase-file pass --out ci.pub.pem
expect "keys: an ECDSA P-256 public key" "BEGIN PUBLIC KEY" "$(cat "$work/ci.pub.pem" 2>/dev/null)"
run 0 operators add --db fleet --name ci --role admin --public-key ci.pub.pem
expect "operators add on a new H2 file" "added Admin 'ci'" "$out"
run 0 audit verify --db fleet
expect "audit verify" "the audit log is intact" "$out"

run 2
expect "the console without a display says so" "needs a desktop session" "$out"

# --- MQTT through a real broker, when Mosquitto is here
mosquitto=$(command -v mosquitto || ls /usr/sbin/mosquitto 2>/dev/null || true)
if [ -n "$mosquitto" ]; then
    port=$((20000 + RANDOM % 20000))
    printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" >"$scratch/mosquitto.conf"
    "$mosquitto" -c "$scratch/mosquitto.conf" >"$scratch/mosquitto.log" 2>&1 &
    broker_pid=$!
    sleep 1
    edgedeck simulate --broker "tcp://127.0.0.1:$port" --plugs 2 --sensors 1 --duration 8 >"$scratch/simulate.log" 2>&1 &
    sim_pid=$!
    run 0 collect --broker "tcp://127.0.0.1:$port" --db fleet --duration 6
    wait "$sim_pid" || bad "simulate failed: $(cat "$scratch/simulate.log")"
    run 0 export --db fleet --device sim-plug-01 --from 2000-01-01 --to now -o plug.csv
    rows=$(($(wc -l <"$work/plug.csv" 2>/dev/null || echo 1) - 1))
    if [ "$rows" -gt 0 ]; then ok "simulate -> Mosquitto -> collect -> H2 -> export: $rows rows"; else bad "no rows exported: $out"; fi
    kill "$broker_pid" 2>/dev/null || true
else
    echo "check: skip MQTT round trip (no mosquitto; apt-get install mosquitto)"
fi

# --- the window, when a virtual display and GTK 3 are here
if command -v xvfb-run >/dev/null && ldconfig -p 2>/dev/null | grep -q libgtk-3.so.0; then
    set +e
    (cd "$work" && env -i HOME="$work/home" EDGEDECK_HOME="$work/window" PATH=/usr/bin:/bin \
        xvfb-run -a "$launcher" --screenshot "$work/window.png" --screenshot-delay 5 --screenshot-tab 4 tiny.bin \
        >"$scratch/window.log" 2>&1)
    code=$?
    set -e
    shown=$(grep -o 'Window shown [0-9]* ms' "$work/window/logs/edgedeck.log" 2>/dev/null || true)
    if [ "$code" = 0 ] && [ -s "$work/window.png" ] && [ -n "$shown" ]; then
        ok "the console opens its window (${shown#Window shown } after launch)"
    else
        bad "the console did not open its window (exit $code): $(tail -n 5 "$scratch/window.log")"
    fi
else
    echo "check: skip the window (needs xvfb-run and libgtk-3-0)"
fi

if [ "$failures" -gt 0 ]; then
    echo "check: $failures check(s) failed" >&2
    exit 1
fi
echo "check: the Linux installers are fine"
