#!/usr/bin/env bash
# Installs what the harness needs: the Debian packages listed in test/harness/package.json
# (chromium, libkrb5-dev, ripgrep, golang-go, prometheus, plus the compilers code-server's native modules build
# with), through apt, with sudo when not root; code-server (pinned in test/harness/package-lock.json).
# Idempotent, and silent when everything is already in place. test/harness/ensure.mjs (npm's
# pre-hooks of start, test, ...) runs it when something is missing, after installing the npm modules.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# --- Debian packages -------------------------------------------------------------------------
missing=()
for p in $(node -p "require('$here/package.json').debianPackages.join(' ')"); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- code-server -----------------------------------------------------------------------------
want="$(node -p "require('$here/package-lock.json').packages['node_modules/code-server'].version")"
have="$(node -p "try{require('$here/node_modules/code-server/package.json').version}catch{''}")"
if [ "$have" != "$want" ] || [ ! -x "$here/node_modules/.bin/code-server" ]; then
  echo "setup: installing code-server $want (about a minute)"
  # @vscode/ripgrep downloads rg from GitHub unless this cached tarball exists: serve Debian's rg.
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/vscode-ripgrep-cache-1.15.11"
  cp /usr/bin/rg "$tmp/rg"
  tar -czf "$tmp/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
  # --unsafe-perm: postinstall scripts run as root; yes=true: node-pty's `npx node-gyp` must not prompt.
  (cd "$here" && TMPDIR="$tmp" npm_config_yes=true npm ci --unsafe-perm --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1) || {
    tail -40 "$tmp/npm.log" >&2
    echo "setup: code-server install failed" >&2
    exit 1
  }
fi
