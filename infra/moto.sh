#!/usr/bin/env bash
# Installs moto's S3-compatible server (PyPI `moto[server]`) into a virtualenv in the machine-wide cache when missing,
# and prints the path of its `moto_server`. The e2e file tests/e2e/artifacts-s3.test.ts starts it to test the S3
# artifact store (ARTIFACT_STORE=s3) against a real S3 API.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
VENV="$SHARED_CACHE_DIR/moto-venv"
MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
if [[ ! -x "$VENV/bin/moto_server" ]]; then
  need_cmd python3 "install Python 3 (apt-get install -y python3 python3-venv)"
  log "installing moto[server]==$MOTO_VERSION into $VENV"
  mkdir -p "$SHARED_CACHE_DIR"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
fi
echo "$VENV/bin/moto_server"
