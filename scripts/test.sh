#!/usr/bin/env bash
# Set up and run the whole test suite: installs Debian's chromium (browser tests), Node.js (the
# map's JavaScript unit tests and syntax check), a Java runtime (HermiT), Jasypt (DNA password
# digests) and Virtuoso (portability tests) when missing, creates .venv, installs the package
# with its test extras, then runs the linter (ruff) and the type checker (mypy), configured in
# pyproject.toml, and pytest: every test, whatever its markers (browser, java, slow).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)   # node --test tests/map/js, node --check
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -f /usr/share/java/jasypt.jar ] || need+=(libjasypt-java)   # DNA's password hashing, to test ours against
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)   # portability tests: a throwaway server on loopback
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install ${need[*]}" >&2; exit 1; fi
  # No package may start a system service here: Virtuoso's would listen on every interface with
  # the default dba password.  The tests start their own, on loopback, and stop it.
  policy=/usr/sbin/policy-rc.d; made=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; made=1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  if [ -n "$made" ]; then rm -f "$policy"; fi
fi
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check graph tests benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
