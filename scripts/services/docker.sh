#!/usr/bin/env bash
# A private Docker engine for the integration tests of reconciler-docker.
#
#   scripts/services/docker.sh start    install (if missing) and start dockerd, import the test image
#   scripts/services/docker.sh stop     remove the test containers, stop dockerd (and the containerd it started)
#   scripts/services/docker.sh restart  stop, then start
#   scripts/services/docker.sh env      print the export lines the tests read
#   scripts/services/docker.sh status   exit 0 when the engine answers
#
# Idempotent; works as root on a fresh Debian 12 (no systemd) and after a killed run (stale pid file or socket).
# Everything lives under ${FLEET_SERVICES_DIR:-<repo>/.services}/docker. The engine runs without iptables and
# without a bridge: test containers use --network none. No image registry is reachable, so the test image is
# imported from a busybox-static root filesystem.
#
# With FLEET_DOCKER_TLS_TCP=127.0.0.1:PORT and FLEET_DOCKER_TLS_DIR=DIR (holding ca.pem, server-cert.pem and
# server-key.pem), the engine also listens on that loopback TCP address with --tlsverify: it demands a client
# certificate signed by ca.pem (the TLS tests start a private engine this way).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES_DIR="${FLEET_SERVICES_DIR:-$REPO_ROOT/.services}"
DIR="$SERVICES_DIR/docker"
IMAGE="fleet-it-busybox:latest"
TEST_LABEL="io.decnet.fleet-it=1"
START_TIMEOUT=90
CALL_TIMEOUT=60

# A unix socket path must stay under ~108 bytes, and containerd puts its own sockets below the exec root: keep
# both short, falling back to a short directory named after this one when the services directory is deep.
if [ "${#DIR}" -le 60 ]; then
    RUN_DIR="$DIR/run"
else
    RUN_DIR="/tmp/fleet-docker-$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)"
fi
SOCK="$RUN_DIR/docker.sock"
EXEC_ROOT="$RUN_DIR/x"
PID_FILE="$DIR/docker.pid"
LOG_FILE="$DIR/dockerd.log"
HOST_URI="unix://$SOCK"

log() { echo "docker.sh: $*" >&2; }
die() { log "$*"; exit 1; }

docker_cli() {
    timeout "$CALL_TIMEOUT" docker -H "$HOST_URI" "$@"
}

ensure_packages() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v containerd >/dev/null 2>&1 || missing+=(containerd)
    command -v docker >/dev/null 2>&1 || missing+=(docker.io)
    dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || missing+=(busybox-static)
    command -v timeout >/dev/null 2>&1 || missing+=(coreutils)
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || die "missing packages ${missing[*]} and not root: install them first"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_pid() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q dockerd "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

answers() {
    [ -S "$SOCK" ] && timeout 15 docker -H "$HOST_URI" info >/dev/null 2>&1
}

# Waits up to $2 seconds for process $1 to exit.
wait_gone() {
    local pid="$1" deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}

terminate() {
    local pid="$1" what="$2"
    kill -TERM "$pid" 2>/dev/null || return 0
    if ! wait_gone "$pid" 30; then
        log "$what ($pid) ignored SIGTERM for 30s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 10 || log "$what ($pid) survived SIGKILL"
    fi
}

# The containerd that dockerd started for itself (it outlives a killed dockerd), and its shims.
stop_managed_containerd() {
    local pid_file="$EXEC_ROOT/containerd/containerd.pid" pid
    if [ -f "$pid_file" ]; then
        pid="$(cat "$pid_file" 2>/dev/null || true)"
        if [ -n "$pid" ] && grep -q containerd "/proc/$pid/cmdline" 2>/dev/null; then
            terminate "$pid" containerd
        fi
        rm -f "$pid_file"
    fi
    # Shims of containers that were running when the engine was killed keep their container processes alive.
    local shim
    for shim in $(pgrep -f "containerd-shim.*-address $EXEC_ROOT/" 2>/dev/null || true); do
        terminate "$shim" containerd-shim
    done
}

# dockerd bind-mounts its data root onto itself and unmounts it on a clean exit; a killed dockerd leaves the
# mount behind, which makes the directory impossible to delete.
release_data_root() {
    local m
    for m in $(awk -v root="$DIR/" 'index($2, root) == 1 { print $2 }' /proc/self/mounts | sort -r); do
        umount "$m" 2>/dev/null || log "could not unmount $m (still in use?)"
    done
}

remove_test_containers() {
    answers || return 0
    local ids
    ids="$(docker_cli ps -aq --filter "label=$TEST_LABEL" || true)"
    [ -n "$ids" ] || return 0
    log "removing $(echo "$ids" | wc -l) test containers"
    # Modest parallelism: this engine can wedge when hundreds of containers are removed at once.
    echo "$ids" | xargs -r -n 16 -P 4 timeout "$CALL_TIMEOUT" docker -H "$HOST_URI" rm -f >/dev/null 2>&1 || true
}

ensure_image() {
    docker_cli image inspect "$IMAGE" >/dev/null 2>&1 && return 0
    log "importing $IMAGE from busybox-static"
    local rootfs
    rootfs="$(mktemp -d)"
    mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/etc"
    cp /bin/busybox "$rootfs/bin/busybox"
    local applet
    for applet in sh sleep true false cat echo ls ps kill env; do
        ln -s busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -cf - . | docker_cli import --change 'CMD ["/bin/sleep","3600"]' - "$IMAGE" >/dev/null
    rm -rf "$rootfs"
    docker_cli image inspect "$IMAGE" >/dev/null || die "importing $IMAGE failed"
}

do_stop() {
    remove_test_containers
    local pid
    if pid="$(engine_pid)"; then
        log "stopping dockerd ($pid)"
        terminate "$pid" dockerd
    fi
    stop_managed_containerd
    release_data_root
    rm -f "$PID_FILE" "$SOCK"
}

do_start() {
    ensure_packages
    mkdir -p "$DIR/data" "$RUN_DIR" "$EXEC_ROOT"
    local pid
    if pid="$(engine_pid)"; then
        if answers; then
            ensure_image
            log "dockerd ($pid) already answers at $HOST_URI"
            return 0
        fi
        log "dockerd ($pid) does not answer: restarting it"
        terminate "$pid" dockerd
    fi
    # Stale leftovers of a killed run.
    stop_managed_containerd
    release_data_root
    rm -f "$PID_FILE" "$SOCK"

    local tls=()
    if [ -n "${FLEET_DOCKER_TLS_TCP:-}" ]; then
        local certs="${FLEET_DOCKER_TLS_DIR:?FLEET_DOCKER_TLS_DIR must name the directory of ca.pem, server-cert.pem and server-key.pem}"
        case "$FLEET_DOCKER_TLS_TCP" in
            127.0.0.1:*) ;;
            *) die "FLEET_DOCKER_TLS_TCP must be 127.0.0.1:PORT (loopback only), was $FLEET_DOCKER_TLS_TCP" ;;
        esac
        tls=(-H "tcp://$FLEET_DOCKER_TLS_TCP" --tlsverify --tlscacert "$certs/ca.pem"
            --tlscert "$certs/server-cert.pem" --tlskey "$certs/server-key.pem")
    fi
    log "starting dockerd at $HOST_URI${tls:+ and tcp://$FLEET_DOCKER_TLS_TCP (TLS)} (log: $LOG_FILE)"
    setsid dockerd \
        --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
        --data-root "$DIR/data" --exec-root "$EXEC_ROOT" \
        -H "$HOST_URI" "${tls[@]}" --pidfile "$PID_FILE" \
        </dev/null >>"$LOG_FILE" 2>&1 &
    local deadline=$((SECONDS + START_TIMEOUT))
    until answers; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 30 "$LOG_FILE" >&2 || true
            die "dockerd did not answer within ${START_TIMEOUT}s"
        fi
        if ! kill -0 $! 2>/dev/null; then
            tail -n 30 "$LOG_FILE" >&2 || true
            die "dockerd exited during start"
        fi
        sleep 0.5
    done
    ensure_image
    log "dockerd ($(cat "$PID_FILE")) answers at $HOST_URI"
}

do_env() {
    echo "export FLEET_IT_DOCKER_HOST=$HOST_URI"
    echo "export FLEET_IT_DOCKER_IMAGE=$IMAGE"
}

case "${1:-}" in
    start) do_start ;;
    stop) do_stop ;;
    restart) do_stop; do_start ;;
    env) do_env ;;
    status) answers ;;
    *) echo "usage: $0 {start|stop|restart|env|status}" >&2; exit 2 ;;
esac
