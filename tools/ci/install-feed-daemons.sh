#!/usr/bin/env bash
# Installs the feed daemons the cross-service tests drive (Debian packages), if missing:
# FreeRADIUS with rlm_rest and radclient, syslog-ng with its http() destination; promtool; and
# Chromium, chromedriver and a Japanese font for the console's browser tests.
set -euo pipefail
missing=()
command -v freeradius >/dev/null 2>&1 || missing+=(freeradius)
command -v radclient >/dev/null 2>&1 || missing+=(freeradius-utils)
[ -e /usr/lib/freeradius/rlm_rest.so ] || missing+=(freeradius-rest)
# rlm_sql's PostgreSQL driver: bench/radius-benchmark.sh compares against FreeRADIUS's own accounting.
[ -e /usr/lib/freeradius/rlm_sql_postgresql.so ] || missing+=(freeradius-postgresql)
command -v syslog-ng >/dev/null 2>&1 || missing+=(syslog-ng-core)
[ -e /usr/lib/syslog-ng/3.38/libhttp.so ] || ls /usr/lib/syslog-ng/*/libhttp.so >/dev/null 2>&1 || missing+=(syslog-ng-mod-http)
# The console's browser tests: Debian's Chromium and chromedriver (nothing downloads a browser), and
# a Japanese font for the pages and the PDFs (IPAex Gothic).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ -e /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || missing+=(fonts-ipaexfont)
# promtool, for the alert rules' unit tests (tools/ci/check-monitoring.sh).
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing ${missing[*]} (Debian packages for the feed tests)"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
# --no-install-recommends: no daemons started by the packages' own service units are needed.
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
