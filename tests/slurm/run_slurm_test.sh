#!/bin/bash
# A real single-node Slurm on this machine: installs slurm-wlm and munge when missing (needs root
# and apt-get), writes munge's key and a one-node slurm.conf for localhost in a temporary folder,
# starts munged, slurmctld and slurmd there, submits a 4-movie `insitu batch` array with the
# merge as a dependent job (scripts/slurm/submit-batch.sh), waits, compares the merged
# summary.csv with a local `insitu batch` run, and stops the daemons it started.
#   tests/slurm/run_slurm_test.sh [PATH/TO/insitu]
# Exit 0 passed, 1 failed, 77 skipped (Slurm cannot be installed or started here; says why).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INSITU="$(realpath "${1:-$REPO/build/bin/insitu}")"
skip() { echo "slurm test: SKIPPED: $*" >&2; exit 77; }
fail() { echo "slurm test: FAILED: $*" >&2; exit 1; }
[[ -x "$INSITU" ]] || fail "no insitu executable at $INSITU"

need=()
for tool in munged slurmctld slurmd sbatch; do
    command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
    [[ $(id -u) -eq 0 ]] || skip "${need[*]} missing and not root (apt-get install slurmctld slurmd slurm-client munge)"
    command -v apt-get >/dev/null || skip "${need[*]} missing and no apt-get"
    echo "slurm test: installing slurmctld slurmd slurm-client munge" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends slurmctld slurmd slurm-client munge; } >/dev/null 2>&1 ||
        skip "apt-get could not install slurm-wlm and munge"
fi
[[ $(id -u) -eq 0 ]] || skip "slurmd must run as root to start jobs; run as root"

T="$(mktemp -d /tmp/insitu-slurm-test.XXXXXX)"
pids=()
cleanup() {
    for pidfile in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munged.pid"; do
        [[ -s "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    [[ -n "${KEEP:-}" ]] || rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T/state" "$T/spool" "$T/munge" "$T/work"
chmod 700 "$T/munge"

# munge: its own key, socket and files in the temporary folder
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
socket="$T/munge/munge.socket"
munged --force --key-file="$T/munge/munge.key" --socket="$socket" \
    --pid-file="$T/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/seed" ||
    skip "munged does not start here (see $T/munged.log)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
host="$(hostname -s)"
cpus="$(nproc)"
cat >"$T/slurm.conf" <<CONF
ClusterName=insitu-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=2000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start here (see $T/slurmctld.log)"
slurmd -f "$SLURM_CONF" || skip "slurmd does not start here (see $T/slurmd.log)"
for _ in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' && break
    sleep 1
done
sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)' ||
    skip "the Slurm node does not come up (see $T/slurmctld.log, $T/slurmd.log)"

# four small movies and a template made by hand on the first
cd "$T/work"
speeds=(0.8 1.2 0.5 1.6)
mkdir -p movies
for k in 0 1 2 3; do
    "$INSITU" synth nanowire-front -o "movies/wire$k.tif" --truth "wire$k.truth.json" \
        --frames 40 --width 160 --height 96 --fronts 1 --seed $((21 + k)) \
        --speed-px-per-frame "${speeds[$k]}" 2>/dev/null
done
line=$(sed -n 's/.*"arg": *"\([-0-9.,]*\)".*/\1/p' wire0.truth.json | head -1)
[[ -n "$line" ]] || fail "no line in wire0.truth.json"
"$INSITU" front movies/wire0.tif --line "$line" --width 14 --project template.h5 --json >/dev/null
for where in local slurm; do
    printf '{"movies": ["movies/*.tif"], "template": "template.h5", "output": "%s"}\n' \
        "out-$where" >"recipe-$where.json"
done
"$INSITU" batch recipe-local.json --jobs 2 2>local.log || fail "local run (see local.log)"

INSITU="$INSITU" "$REPO/scripts/slurm/submit-batch.sh" recipe-slurm.json 4 \
    --mem=100M --cpus-per-task=1 --time=10 --chdir="$T/work" --export=ALL >submit.log ||
    fail "sbatch: $(cat submit.log)"
cat submit.log >&2
for _ in $(seq 150); do
    [[ -z "$(squeue -h 2>/dev/null)" ]] && break
    sleep 1
done
[[ -z "$(squeue -h)" ]] || fail "jobs still queued after 150 s: $(squeue)"
[[ -f out-slurm/summary.csv ]] || fail "the merge job wrote no summary ($(cat ./*.out 2>/dev/null))"
cmp out-local/summary.csv out-slurm/summary.csv ||
    fail "the Slurm array's merged summary differs from the local run"
[[ $(wc -l <out-slurm/failures.csv) -eq 1 ]] || fail "failures: $(cat out-slurm/failures.csv)"
rows=$(($(wc -l <out-slurm/summary.csv) - 1))
echo "slurm test: passed (4-movie array + merge on a one-node Slurm: $rows summary rows equal the local run)"
