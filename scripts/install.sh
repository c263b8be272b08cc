#!/usr/bin/env bash
# Builds the release console (the build BENCHMARKS.md measures: release, Swift's standard
# library linked in, so the host needs no Swift) and installs it with its man page, shell
# completions and themes:
#
#   scripts/install.sh                          # into /usr/local
#   PREFIX=$HOME/.local scripts/install.sh      # for one user, no root
#   DESTDIR=/tmp/stage PREFIX=/usr scripts/install.sh   # staged, for a package
#
# FLEXPRICE_SKIP_BUILD=1 installs what `.build-release` already holds (scripts/build-deb.sh
# after a build). Needs what the build needs (README) and, for the static standard library,
# libcurl4-openssl-dev.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
SCRATCH=${FLEXPRICE_BUILD_DIR:-.build-release}

if [ "${FLEXPRICE_SKIP_BUILD:-0}" != 1 ]; then
  # The same flags as the release pseudo-terminal suite, so that it tests this very build.
  swift build -c release --static-swift-stdlib --product flexprice-console --scratch-path "$SCRATCH"
fi
binary="$SCRATCH/release/flexprice-console"
[ -x "$binary" ] || { echo "install: no release build at $binary" >&2; exit 1; }

root="$DESTDIR$PREFIX"
install -d "$root/bin" "$root/share/man/man1" "$root/share/flexprice-console/themes" \
  "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d" "$root/share/doc/flexprice-console"
install -m 0755 "$binary" "$root/bin/flexprice-console"
gzip -9n -c docs/flexprice-console.1 > "$root/share/man/man1/flexprice-console.1.gz"
chmod 0644 "$root/share/man/man1/flexprice-console.1.gz"
install -m 0644 Themes/*.json "$root/share/flexprice-console/themes/"
install -m 0644 config.example.json "$root/share/doc/flexprice-console/config.example.json"
# The completion scripts come from the binary's own argument parser, so they never drift.
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/flexprice-console"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_flexprice-console"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/flexprice-console.fish"
chmod 0644 "$root/share/bash-completion/completions/flexprice-console" \
  "$root/share/zsh/site-functions/_flexprice-console" "$root/share/fish/vendor_completions.d/flexprice-console.fish"

echo "installed flexprice-console $("$binary" --version) into $root"
