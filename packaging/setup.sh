#!/usr/bin/env bash
# Sets up ThreatDock on Debian 12 and runs it or its tests.
#
#   packaging/setup.sh run    install missing packages, build (preset release), open the sample
#   packaging/setup.sh test   install missing packages, build (preset dev), run the whole suite
#
# Run as root, or as a user with sudo rights (sudo is used for apt-get only).
# A second run does no needless work: apt is skipped when every package is present and
# the build directory is reused (CMake re-configures itself when its inputs change).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly PACKAGE_LIST="$ROOT/packaging/debian-packages.txt"

usage() {
    echo "usage: $0 run|test" >&2
    exit 2
}

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "error: need root for: $*; run as root or install sudo" >&2
        exit 1
    fi
}

install_missing_packages() {
    local wanted=() missing=() package status
    mapfile -t wanted < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$PACKAGE_LIST")
    for package in "${wanted[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
        [[ $status == installed ]] || missing+=("$package")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        echo "setup: all ${#wanted[@]} Debian packages are installed"
        return
    fi
    echo "setup: installing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures preset $1 unless its build directory already has a build system (which then
# re-runs CMake by itself when a CMakeLists.txt changes); builds the given targets.
build() {
    local preset=$1
    shift
    local dir=$ROOT/build/$preset
    if [[ ! -f $dir/build.ninja && ! -f $dir/Makefile ]]; then
        cmake --preset "$preset" -G Ninja
    fi
    cmake --build --preset "$preset" "$@"
}

run_gui() {
    build release --target threatdock threatdock-cli
    local binary=$ROOT/build/release/app/threatdock
    local sample=$ROOT/resources/sample/vulnerable
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
        echo "setup: built $binary, but there is no display (DISPLAY is not set)." >&2
        echo "setup: to run it on a virtual X server:" >&2
        echo "  xvfb-run -a -s \"-screen 0 1600x1000x24\" $binary $sample" >&2
        exit 1
    fi
    exec "$binary" "$sample"
}

run_tests() {
    build dev
    cd "$ROOT"
    exec ctest --preset dev --output-on-failure -j2
}

[[ $# -eq 1 ]] || usage
cd "$ROOT"
case $1 in
    run)
        install_missing_packages
        run_gui
        ;;
    test)
        install_missing_packages
        run_tests
        ;;
    *) usage ;;
esac
