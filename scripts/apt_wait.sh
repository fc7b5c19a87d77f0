# Waiting for a busy package manager, sourced by scripts/setup.sh.
# Another apt or dpkg run (an unattended upgrade, a second set-up) holds its locks for a
# while; set-up waits for them, saying so, instead of failing. POSIX sh.
#   CRM_OFFICE_APT_WAIT   seconds to wait at most (default 600)
#   CRM_OFFICE_APT_LOCKS  the lock files to watch (default: apt's and dpkg's own)

APT_WAIT=${CRM_OFFICE_APT_WAIT:-600}
APT_LOCKS=${CRM_OFFICE_APT_LOCKS:-"/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock"}

# True when another process holds an fcntl lock on file $1 (the kind apt and dpkg take).
lock_held() {
    [ -e "$1" ] || return 1
    check='import fcntl, sys
try:
    with open(sys.argv[1], "r+b") as f: fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError: sys.exit(0)
except OSError: sys.exit(1)
sys.exit(1)'
    if [ -w "$1" ]; then "${PYTHON:-python3}" -c "$check" "$1"
    else as_root "${PYTHON:-python3}" -c "$check" "$1"; fi
}

apt_busy() {
    for lock in $APT_LOCKS; do
        lock_held "$lock" && return 0
    done
    return 1
}

# Wait until no apt/dpkg lock is held, at most APT_WAIT seconds; 1 if still busy then.
wait_for_apt() {
    waited=0
    while apt_busy; do
        if [ "$waited" -ge "$APT_WAIT" ]; then
            echo "setup: another apt/dpkg run still holds its lock after ${APT_WAIT}s;" \
                 "run set-up again when it has finished (or set CRM_OFFICE_APT_WAIT)" >&2
            return 1
        fi
        [ "$waited" -eq 0 ] && echo "setup: another apt/dpkg run holds its lock;" \
                                    "waiting for it (at most ${APT_WAIT}s)..." >&2
        sleep 2
        waited=$((waited + 2))
    done
}

# apt-get, once the locks are free; dpkg's own lock timeout covers a run that starts meanwhile.
apt_get() {
    wait_for_apt || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_WAIT" "$@"
}
