#!/bin/sh
# Install the system packages conflict-kg needs when they are missing:
#   java      - HermiT, the OWL reasoner behind `ckg validate` (owlready2 runs it)
#   chromium  - the headless browser of the UI tests
#   virtuoso-opensource - the remote store (--store http://...) the tests push to and query
# Uses apt (Debian/Ubuntu). Does nothing when everything is present.
set -eu

missing=""
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"

[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "conflict-kg needs:$missing - install them with your package manager" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing system packages:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
