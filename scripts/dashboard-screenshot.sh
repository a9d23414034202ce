#!/usr/bin/env bash
# Starts scheduler-silo with no settings (the embedded default), waits until it is ready, and has headless
# Chromium render the Orleans Dashboard to a PNG, so anyone can see that the first look works.
# Usage: scripts/dashboard-screenshot.sh [OUTPUT.png]   (installs chromium with apt-get when missing)
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-dashboard.png}"

if ! command -v chromium >/dev/null 2>&1; then
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

http=$(free_port)
work=$(mktemp -d)
dotnet build src/Silo -c Release -o "$work/silo" >/dev/null

# Ports of its own, so a silo already running on the defaults does not get in the way.
Orleans__SiloPort=$(free_port) Orleans__GatewayPort=$(free_port) Embedded__GarnetPort=$(free_port) \
    urls="http://127.0.0.1:$http" "$work/silo/scheduler-silo" >"$work/silo.log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$http/readyz" >/dev/null; then
        break
    fi
    if ! kill -0 "$silo" 2>/dev/null; then
        echo "scheduler-silo exited before it was ready:" >&2
        tail -20 "$work/silo.log" >&2
        exit 1
    fi
    sleep 0.5
done
curl -fs "http://127.0.0.1:$http/readyz" >/dev/null || { echo "scheduler-silo never became ready" >&2; exit 1; }

# The flags keep Chromium from reaching out to the network, which this machine does not have.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chrome" --window-size=1400,900 \
    --virtual-time-budget=15000 --screenshot="$out" "http://127.0.0.1:$http/dashboard/" 2>/dev/null

size=$(stat -c %s "$out")
echo "dashboard rendered to $out ($size bytes)"
[ "$size" -gt 20000 ] || { echo "the screenshot is too small to hold the dashboard" >&2; exit 1; }
