#!/usr/bin/env bash
# Builds a Debian package of the console from the release build:
#
#   scripts/build-deb.sh [OUTPUT_DIR]       # default: .build-deb/
#
# Installs with `apt install ./flexprice-console_VERSION_ARCH.deb` (or dpkg -i). The
# package's dependencies are read off the libraries the binary links (each library's Debian
# package, at least the version installed here), so it installs on a host like this one.
# FLEXPRICE_SKIP_BUILD=1 packages the release build that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-.build-deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

DESTDIR="$stage" PREFIX=/usr scripts/install.sh >/dev/null
binary="$stage/usr/bin/flexprice-console"
version=$("$binary" --version)
arch=$(dpkg --print-architecture)

# Debian keeps documentation under /usr/share/doc/PACKAGE with a copyright file.
install -m 0644 /dev/null "$stage/usr/share/doc/flexprice-console/copyright"
printf 'flexprice-console %s\nSee the project README for licence and authors.\n' "$version" \
  > "$stage/usr/share/doc/flexprice-console/copyright"

# Each shared library the binary loads, as "package (>= installed version)".
depends=$(ldd "$binary" | awk '/=> \// { print $3 }' | while read -r lib; do
    real=$(readlink -f "$lib")
    owner=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
    [ -n "$owner" ] || continue
    package=${owner%%:*}
    package=${package%%,*}
    echo "$package (>= $(dpkg-query -W -f='${Version}' "$package" | sed 's/^[0-9]*://; s/-[^-]*$//'))"
  done | sort -u | paste -sd, - | sed 's/,/, /g')

install -d "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: flexprice-console
Version: $version
Architecture: $arch
Maintainer: flexprice-console maintainers <flexprice-console@localhost>
Installed-Size: $size
Depends: $depends
Recommends: libcurl4
Section: admin
Priority: optional
Homepage: https://flexprice.io
Description: terminal console for FlexPrice customers
 A keyboard-only console for the people who run billing: create, find and edit
 FlexPrice customers in forms that check every field as it is typed, on an
 embedded local store or a remote FlexPrice-compatible API, with a scripting CLI
 (including bulk import and export). libcurl is loaded only for the remote API.
CONTROL

deb="$out/flexprice-console_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
