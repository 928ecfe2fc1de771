# shellcheck shell=bash
# Shared helpers of the scripts in this folder. Sourced, never run: it sets ROOT (the
# repository root) and defines small functions; it changes no state by itself.

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
VENV="$ROOT/.venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # the browser is Debian's chromium
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Progress lines go to stderr, so a script's stdout stays usable for its result.
step() { printf '==> %s\n' "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# A supported Python (3.11-3.13, pyproject's requires-python) to build the virtualenv with:
# $PYTHON if set, else the oldest supported one found (python3.11, python3.12, python3.13,
# then python3), so the default stays the interpreter CI tests on (3.11).
pick_python() {
    local candidate
    if [[ -n "${PYTHON:-}" ]]; then
        supported_python "$PYTHON" || die "PYTHON=$PYTHON is not Python 3.11-3.13"
        command -v "$PYTHON"
        return 0
    fi
    for candidate in python3.11 python3.12 python3.13 python3; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if supported_python "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    die "Python 3.11, 3.12 or 3.13 is needed (python3.11 ... python3.13, or python3 being one; or set PYTHON=/path/to/python3.1x)"
}

# True when the interpreter is a supported version (3.11-3.13).
supported_python() {
    "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null
}

# sha256 of the named files' contents (missing files count as empty), plus extra words.
fingerprint() {
    local f
    {
        for f in "$@"; do
            if [[ -f "$f" ]]; then cat -- "$f"; else printf '%s' "$f"; fi
            printf '\0'
        done
    } | sha256sum | cut -d' ' -f1
}

# True when the Debian package is installed (dpkg status "install ok installed").
deb_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# Install the named Debian packages that are missing; no apt at all when none is.
# KOMPETENSBRON_SKIP_APT=1 skips this (for machines where you manage packages yourself).
ensure_debian_packages() {
    local pkg missing=()
    command -v dpkg-query >/dev/null 2>&1 || die "not a Debian system: install $* by hand"
    for pkg in "$@"; do
        deb_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        info "Debian packages present: $*"
        return 0
    fi
    if [[ "${KOMPETENSBRON_SKIP_APT:-0}" == 1 ]]; then
        info "KOMPETENSBRON_SKIP_APT=1: not installing missing Debian packages: ${missing[*]}"
        return 0
    fi
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "Debian packages missing (${missing[*]}) and not root: install them or run as root"
        sudo=(sudo -n)
    fi
    step "Installing Debian packages: ${missing[*]} (apt-get; this can take a few minutes)"
    mkdir -p "$ROOT/var/log"
    local log="$ROOT/var/log/apt-get.log"
    : >"$log"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
    if ! "${apt[@]}" update >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "apt-get update failed (full log: $log)"
    fi
    if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "apt-get install failed (full log: $log)"
    fi
    for pkg in "${missing[@]}"; do
        deb_installed "$pkg" || die "Debian package $pkg is still not installed (log: $log)"
    done
    info "installed: ${missing[*]}"
}
