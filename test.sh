#!/usr/bin/env bash
# Builds and runs every test. The tests start their own Redis and MariaDB servers, so this script only makes
# sure the server binaries are installed; set SCHEDULER_TEST_REDIS / SCHEDULER_TEST_MYSQL to use running ones.
set -euo pipefail

cd "$(dirname "$0")"

have() {
    command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/local/sbin/$1" ]
}

install_servers() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: redis-server and mariadbd are needed; install Redis 7 and MariaDB 10.11 or later" \
            "with your package manager, then run ./test.sh again." >&2
        exit 1
    fi

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi

    echo "test.sh: installing redis-server and mariadb-server with apt-get"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q

    # The packages' postinst scripts try to start the system services, which fails where no init system
    # runs or policy-rc.d forbids it; the fixtures start their own servers, so only the binaries matter.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        redis-server mariadb-server || true

    if ! have redis-server || ! have mariadbd; then
        echo "test.sh: apt-get did not install redis-server and mariadbd; see its output above." >&2
        exit 1
    fi
}

if ! have redis-server || ! have mariadbd; then
    install_servers
fi

# The deploy tests render the Kubernetes manifests with `kubectl kustomize`, exactly as `kubectl apply -k` would.
# Machines of this project's kind ship it; elsewhere try the package manager before giving up.
if ! have kubectl && command -v apt-get >/dev/null 2>&1; then
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q kubectl || true
fi
if ! have kubectl; then
    echo "test.sh: kubectl is needed to render deploy/kubernetes; install it" \
        "(https://kubernetes.io/docs/tasks/tools/) and run ./test.sh again." >&2
    exit 1
fi

# Building the whole solution first makes projects that no test references (bench, hosts) fail the run too.
dotnet build Orleans.Scheduler.sln -c Release

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

status=0
dotnet test Orleans.Scheduler.sln -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test assembly; one total line lets CI see how many tests ran.
{ grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true; } \
    | awk -F'[:,]' '{ f += $2; p += $4; s += $6 }
        END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'

exit "$status"
