#!/usr/bin/env bash
# Set up and run the main job: build the graph (validated) and write the HTML influence map.
# Needs Python 3.11+. Java (for the HermiT consistency check) is installed if missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
.venv/bin/carekg build
.venv/bin/carekg map -o build/map.html
echo "Open build/map.html in a browser (it works offline)."
