#!/usr/bin/env bash
# Installs what the real-VS-Code tests need on a Debian machine without general
# internet: Debian's Chromium and ripgrep, and code-server 4.100.3 (VS Code
# 1.100.3, the last line that runs on Node 20) into .vscode-test/code-server.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=.vscode-test/code-server
if [ -x "$prefix/node_modules/.bin/code-server" ] && command -v chromium >/dev/null && command -v rg >/dev/null; then
  echo "code-server, chromium and ripgrep are installed"
  exit 0
fi
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev ripgrep chromium >/dev/null
fi
# @vscode/ripgrep looks for a cached archive before downloading; hand it Debian's rg.
for v in 1.15.11 1.15.14 1.17.1; do
  d="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$v"
  mkdir -p "$d"
  tar -C /usr/bin -czf "$d/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
done
mkdir -p "$prefix"
# npm 11 blocks dependency install scripts by default; code-server needs its postinstall (it builds VS Code's native modules).
npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
  npm install --prefix "$prefix" --no-audit --no-fund --no-save code-server@4.100.3
"$prefix/node_modules/.bin/code-server" --version
