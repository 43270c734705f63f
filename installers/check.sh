#!/usr/bin/env bash
# CI check of the Linux installers: builds the app image and the .deb (installers/build.sh) and inspects the .deb with
# dpkg-deb. Then, as root with apt (CI), it installs the .deb for real (apt-get install ./…deb, which pulls GTK 3),
# checks the installed files (launcher, command, desktop entry, icons, .bin type, udev rule), runs the installed
# launcher, removes the package again and checks that nothing is left in /opt/edgedeck. Elsewhere (not root, no apt,
# or an EdgeDeck already installed) it unpacks the .deb into a scratch root and runs the launcher there instead.
# Either way the launcher runs with no Java on PATH and no JAVA_HOME: --version, image-info on a generated firmware
# image, keys, operators and audit on a fresh H2 file, the console's refusal without a display, and -- when Mosquitto
# is installed -- simulate + collect + export through a real broker. With xvfb-run it also opens the window once and
# reports the time to first window.
# Usage: installers/check.sh [--no-build]      (--no-build: check what installers/target/ already holds)
#        EDGEDECK_CHECK_INSTALL=0 installers/check.sh    never installs, even as root
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

# Install for real only as root with apt, and never over an EdgeDeck someone installed (removing it would be rude)
mode=extract
if [ "${EDGEDECK_CHECK_INSTALL:-1}" = 0 ]; then
    why="EDGEDECK_CHECK_INSTALL=0"
elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    why="installing needs root and apt-get"
elif dpkg-query -W -f='${Status}' edgedeck 2>/dev/null | grep -q 'ok installed'; then
    why="an edgedeck package is installed on this machine already; it is left alone"
else
    mode=install
fi
installed=0
remove_package() {
    if [ "$installed" = 1 ]; then
        installed=0
        apt-get remove -y -q edgedeck >"$scratch/apt-remove.log" 2>&1 || { cat "$scratch/apt-remove.log" >&2; return 1; }
    fi
}

scratch=$(mktemp -d)
trap 'kill "${broker_pid:-}" 2>/dev/null || true; remove_package || true; rm -rf "$scratch"' EXIT
dpkg-deb -e "$deb" "$scratch/control"
postinst=$(cat "$scratch/control/postinst")
expect "postinst installs the udev rule" 'install -D -m 644 /opt/edgedeck/lib/udev/70-edgedeck-serial.rules' "$postinst"
expect "postinst reloads udev rules" 'udevadm control --reload-rules' "$postinst"
expect "postinst adds the menu entry" 'xdg-desktop-menu install' "$postinst"
expect "postinst registers .bin firmware" 'xdg-mime install' "$postinst"
expect "prerm removes the udev rule" '70-edgedeck-serial.rules' "$(cat "$scratch/control/prerm")"

if [ "$mode" = install ]; then
    echo "check: installing $(basename "$deb") for real (root with apt-get; EDGEDECK_CHECK_INSTALL=0 unpacks instead)"
    # a fresh machine may have no package lists yet: update once and try again
    if apt-get install -y -q "$deb" >"$scratch/apt-install.log" 2>&1 \
        || { apt-get update -qq && apt-get install -y -q "$deb" >"$scratch/apt-install.log" 2>&1; }; then
        installed=1
        ok "apt-get install $(basename "$deb")"
    else
        bad "apt-get install failed: $(tail -n 5 "$scratch/apt-install.log")"
        # a failed postinst leaves the package half-configured: take it off again
        case "$(dpkg-query -W -f='${Status}' edgedeck 2>/dev/null || true)" in
            "" | *not-installed | *config-files) ;;
            *) installed=1 ;;
        esac
        remove_package || bad "the half-installed package could not be removed either: see 'dpkg -l edgedeck'"
        mode=extract
        why="the installation failed"
    fi
fi

if [ "$mode" = install ]; then
    root=""
    applications=/usr/share/applications
    mime_xml=/usr/share/mime/packages/edgedeck-EdgeDeck-MimeInfo.xml
    [ -x /opt/edgedeck/bin/EdgeDeck ] && ok "installed: /opt/edgedeck/bin/EdgeDeck" || bad "no /opt/edgedeck/bin/EdgeDeck"
    expect "installed: the command edgedeck" "/opt/edgedeck/bin/EdgeDeck" "$(readlink /usr/bin/edgedeck 2>&1)"
    expect "installed: the icon" "PNG" "$(head -c 4 /opt/edgedeck/lib/EdgeDeck.png 2>&1)"
    expect "installed: the .bin type's icon" "application-x-esp32-firmware.png" \
        "$(ls /usr/share/icons/hicolor/128x128/mimetypes/ 2>&1)"
    rule=$(ls /usr/lib/udev/rules.d/70-edgedeck-serial.rules /lib/udev/rules.d/70-edgedeck-serial.rules 2>/dev/null | head -n 1 || true)
    expect "installed: the udev rule ($rule)" 'TAG+="uaccess"' "$(cat "$rule" 2>/dev/null)"
    if [ -d /usr/share/mime/application ] && command -v update-mime-database >/dev/null; then
        expect "installed: the MIME database knows firmware images" 'esp32' \
            "$(cat /usr/share/mime/application/x-esp32-firmware.xml 2>&1)"
    fi
else
    echo "check: unpacking the .deb into a scratch root instead of installing it ($why)"
    root="$scratch/root"
    applications="$root/opt/edgedeck/lib"
    dpkg-deb -x "$deb" "$root"
    mime_xml=$(ls "$root"/opt/edgedeck/lib/*MimeInfo.xml)
    rule="$root/opt/edgedeck/lib/udev/70-edgedeck-serial.rules"
fi
desktop=$(cat "$applications/edgedeck-EdgeDeck.desktop" 2>&1)
expect "desktop entry passes the opened file" 'Exec=/opt/edgedeck/bin/EdgeDeck %f' "$desktop"
expect "desktop entry claims firmware images" 'MimeType=application/x-esp32-firmware' "$desktop"
expect "desktop entry has the icon" 'Icon=/opt/edgedeck/lib/EdgeDeck.png' "$desktop"
expect "mime type globs *.bin" '<glob pattern="*.bin">' "$(cat "$mime_xml" 2>&1)"
expect "udev rule covers the Espressif USB-Serial/JTAG" 'ATTRS{idVendor}=="303a", ATTRS{idProduct}=="1001", TAG+="uaccess"' \
    "$(cat "$rule" 2>&1)"

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
if [ "$mode" = install ]; then
    launcher=/usr/bin/edgedeck run 0 --version
    expect "the command edgedeck (a link to the launcher) starts it" "EdgeDeck " "$out"
fi

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

# --- removing the package leaves nothing behind
if [ "$mode" = install ]; then
    if remove_package; then
        ok "apt-get remove edgedeck"
        left=$(find /opt/edgedeck /usr/bin/edgedeck "$applications/edgedeck-EdgeDeck.desktop" "$mime_xml" \
            /usr/lib/udev/rules.d/70-edgedeck-serial.rules /lib/udev/rules.d/70-edgedeck-serial.rules 2>/dev/null || true)
        if [ -z "$left" ]; then ok "removed: nothing left in /opt/edgedeck, no command, menu entry, .bin type or udev rule"
        else bad "removing the package left: $left"; fi
    else
        bad "apt-get remove edgedeck failed"
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "check: $failures check(s) failed" >&2
    exit 1
fi
echo "check: the Linux installers are fine"
