#!/usr/bin/env bash
# Installs what the end-to-end test of the extension needs: code-server (VS Code 1.100 served to a
# browser) in DIR, and Debian's Chromium and ripgrep. Only the npm registry and Debian's packages
# are used: code-server's own download steps are replaced by local ones.
#   usage: tools/install-code-server.sh DIR      → DIR/node_modules/.bin/code-server
# A second run on an installed DIR does nothing.
set -euo pipefail
dir=${1:?usage: tools/install-code-server.sh DIR}
version=4.100.3   # the newest code-server whose VS Code runs on Node 20
stamp="$dir/.installed-$version"
if [ -x "$dir/node_modules/.bin/code-server" ] && [ -f "$stamp" ]; then
  exit 0
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # headers for code-server's kerberos addon
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "needs root to install: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts "code-server@$version"
# argon2 is a native addon code-server loads at start-up: build it here from its sources.
npm_config_dangerously_allow_all_scripts=true npm rebuild argon2
# @vscode/ripgrep would download rg from GitHub; give its download cache Debian's rg instead.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
work=$(mktemp -d)
cp "$(command -v rg)" "$work/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$work" rg
rm -rf "$work"
cd node_modules/code-server
npm_config_user_agent="npm/$(npm -v 2>/dev/null) node/$(node -v) linux x64" npm_config_unsafe_perm=true \
  npm_config_dangerously_allow_all_scripts=true npm_config_yes=true sh ./postinstall.sh
touch "$stamp"
echo "code-server $version ready: $dir/node_modules/.bin/code-server"
