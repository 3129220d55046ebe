#!/usr/bin/env bash
# Installs what the real-VS-Code tests (`npm run test:vscode`) need on a Debian
# machine without general internet: Debian's Chromium, ripgrep (code-server's
# file search) and libkrb5-dev (to build code-server's native modules), and
# code-server 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20)
# into the git-ignored .vscode-test/code-server. Idempotent: what is already
# there is only checked. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.100.3
prefix=.vscode-test/code-server
bin="$prefix/node_modules/.bin/code-server"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "^$version "; then
  echo "code-server $version, chromium, ripgrep and libkrb5-dev are installed"
  exit 0
fi

# @vscode/ripgrep looks for a cached archive before downloading from GitHub; hand it Debian's rg.
for v in 1.15.11 1.15.14 1.17.1; do
  d="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$v"
  mkdir -p "$d"
  tar -C "$(dirname "$(command -v rg)")" -czf "$d/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
done
rm -rf "$prefix"
mkdir -p "$prefix"
echo "Installing code-server $version into $prefix (about 2 minutes)"
# npm 11 blocks dependency install scripts by default; code-server needs its postinstall (it builds VS Code's native modules).
# As root the postinstall refuses without unsafe-perm; node-pty's postinstall runs npx.
npm_config_yes=true npm_config_unsafe_perm=true npm_config_dangerously_allow_all_scripts=true \
  npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "code-server@$version"
"$bin" --version
