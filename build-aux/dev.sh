#!/usr/bin/env bash
# Commissioner developer entry point.
#
#   build-aux/dev.sh run    install what is missing, build, launch the app
#   build-aux/dev.sh test   install what is missing, build, run the whole suite
#
# With CI=true, `test` builds with warnings as errors, runs the memory
# checks under valgrind (suite 'memory') and also runs the suite under
# AddressSanitizer and UndefinedBehaviorSanitizer.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

build_dir="${BUILD_DIR:-_build}"
sanitize_dir="${SANITIZE_BUILD_DIR:-_build-sanitize}"

# Debian 12 packages needed to build, test and look at the app.
packages=(
  gcc
  meson
  ninja-build
  pkg-config
  gettext
  libglib2.0-dev
  libglib2.0-dev-bin
  libglib2.0-bin
  libgtk-4-dev
  libgtk-4-bin
  libadwaita-1-dev
  libsqlite3-dev
  sqlite3
  libxlsxwriter-dev
  desktop-file-utils
  appstream
  itstool
  yelp-tools
  python3
  python3-openpyxl
  xvfb
  xauth
  dbus
  dbus-bin
  dbus-daemon
  adwaita-icon-theme
  fonts-cantarell
  librsvg2-common
  locales
  imagemagick
  time
  libreoffice-calc-nogui
  poppler-utils
  valgrind
  unzip
)

log () {
  printf '==> %s\n' "$*" >&2
}

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "need root to run: $*"
    return 1
  fi
}

install_packages () {
  local missing=()
  local pkg

  for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done

  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# The tests check that money and dates do not depend on the locale.
ensure_locales () {
  local wanted=(de_DE.UTF-8 en_GB.UTF-8)
  local need=0
  local loc

  for loc in "${wanted[@]}"; do
    if ! locale -a 2>/dev/null | grep -qi "^${loc%%.*}\.utf-\?8$"; then
      need=1
      as_root sed -i "s/^# *\(${loc} UTF-8\)/\1/" /etc/locale.gen
      if ! grep -q "^${loc} UTF-8" /etc/locale.gen; then
        echo "${loc} UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
      fi
    fi
  done

  if [ "$need" -eq 1 ]; then
    log "generating locales: ${wanted[*]}"
    as_root locale-gen >/dev/null
  fi
}

configure () {
  local dir="$1"
  shift

  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@"
  fi
}

setup () {
  install_packages
  ensure_locales
}

run_suite () {
  local dir="$1"
  local status=0

  meson test -C "$dir" --print-errorlogs --num-processes 2 || status=$?
  return "$status"
}

cmd_run () {
  setup
  configure "$build_dir" -Dprofile=development
  meson compile -C "$build_dir"

  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    log "There is no display to show the window on."
    log "The command line works without one, for example:"
    log "  $build_dir/src/cli/commissioner-cli --help"
    exit 1
  fi

  export GSETTINGS_SCHEMA_DIR="$top/$build_dir/data"
  exec "$build_dir/src/gui/commissioner" "$@"
}

cmd_test () {
  local status=0
  local werror=false

  setup
  if [ "${CI:-false}" = "true" ]; then
    werror=true
  fi

  configure "$build_dir" -Dwerror="$werror"
  meson compile -C "$build_dir"
  run_suite "$build_dir" || status=$?

  if [ "${CI:-false}" = "true" ]; then
    # Left out of a plain `meson test`; logged apart so that both logs count.
    log "memory checks (valgrind)"
    meson test -C "$build_dir" --print-errorlogs --suite memory --logbase testlog-memory || status=$?
    log "sanitizer build (address, undefined)"
    configure "$sanitize_dir" -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
    meson compile -C "$sanitize_dir"
    run_suite "$sanitize_dir" || status=$?
    python3 "$top/build-aux/test-summary.py" --log testlog-memory "$build_dir" "$sanitize_dir"
  else
    python3 "$top/build-aux/test-summary.py" "$build_dir"
  fi

  return "$status"
}

case "${1:-}" in
  run)
    shift
    cmd_run "$@"
    ;;
  test)
    shift
    cmd_test "$@"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
