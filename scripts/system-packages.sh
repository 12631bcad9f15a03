#!/usr/bin/env bash
# Debian/Ubuntu packages some tests use: Chromium for the browser tests, poppler for PDF-to-PNG,
# HarfBuzz's subsetter for fast PDF rendering. Without them those tests are skipped (locally) or
# fail (CI sets VAXKIT_REQUIRE_ALL=1). Run as root, or with sudo.
set -euo pipefail
packages=(chromium poppler-utils libharfbuzz-subset0 fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
