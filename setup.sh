#!/usr/bin/env bash
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
#
# One command to get going on Debian 12:
#   ./setup.sh demo   install what is needed, build, render the demo picture
#   ./setup.sh test   install what is needed, build, run every test
#   ./setup.sh python install what is needed, build, install libhyperres and
#                     the Python package (root: /usr/local; a user: ~/.local)
#   ./setup.sh deps   only install what is needed
# Installing needs root (or sudo); what is already there is left alone.
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES="gcc pkg-config python3 libfftw3-dev libsndfile1-dev libcairo2-dev libx11-dev lv2-dev liblilv-dev zlib1g-dev"
PYTHON_PACKAGES="python3-numpy python3-matplotlib"
TEST_PACKAGES="python3-numpy python3-matplotlib python3-scipy lilv-utils sordi xvfb xauth imagemagick jalv jackd2 jack-stdio ardour lv2file x42-plugins slurmctld slurmd slurm-client munge xdotool espeak-ng"

say() { printf '%s\n' "setup: $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  local missing=""
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
      || missing="$missing $pkg"
  done
  printf '%s' "$missing"
}

apt_updated=0
apt_install() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  say "installing Debian packages:$missing"
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Debian 12 has no waf package; its xmds2 package carries a complete waf
# 2.0 library. Unpack just that (no install, no dependencies) into .deps/.
ensure_waflib() {
  if ./waf --version >/dev/null 2>&1; then
    return 0
  fi
  say "unpacking waf's library from Debian's xmds2 package into .deps/waf"
  local work
  work=$(mktemp -d)
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  (cd "$work" && apt-get download -qq xmds2 2>/dev/null \
     || (chmod 777 "$work" && as_root apt-get download -qq xmds2))
  dpkg-deb -x "$work"/xmds2_*.deb "$work/x"
  rm -rf .deps/waf && mkdir -p .deps/waf
  cp -r "$work"/x/usr/lib/python3/dist-packages/xpdeint/waf/waflib .deps/waf/
  rm -rf "$work"
  ./waf --version >/dev/null
}

build() {
  if [ ! -f build/c4che/_cache.py ] || [ wscript -nt build/c4che/_cache.py ]; then
    ./waf configure
  fi
  ./waf build "$@"
}

cmd=${1:-demo}
case "$cmd" in
  deps)
    apt_install $BUILD_PACKAGES $TEST_PACKAGES
    ensure_waflib
    ;;
  demo)
    apt_install $BUILD_PACKAGES
    ensure_waflib
    build
    force=""
    [ -e demo_spec.png ] || [ -e demo_spec.npy ] && force="--force"
    build/hyperres demo -o . $force
    say "done: open $(pwd)/demo_spec.png"
    ;;
  python)
    apt_install $BUILD_PACKAGES $PYTHON_PACKAGES
    ensure_waflib
    if [ "$(id -u)" != 0 ]; then
      ./waf configure --prefix="$HOME/.local" --lv2dir="$HOME/.lv2"
    fi
    build
    ./waf install
    (cd / && /usr/bin/python3 -c 'import hyperres; print("setup: hyperres",
      hyperres.__version__, "installed in", hyperres.__path__[0])')
    ;;
  test)
    apt_install $BUILD_PACKAGES $TEST_PACKAGES
    ensure_waflib
    build
    ./waf test
    ;;
  *)
    echo "usage: ./setup.sh [demo|test|deps|python]" >&2
    exit 2
    ;;
esac
