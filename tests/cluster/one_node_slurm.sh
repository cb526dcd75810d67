#!/usr/bin/env bash
# A one-node Slurm cluster in a temporary directory, for the tests:
#   one_node_slurm.sh start DIR   writes DIR/slurm.conf and a munge key, starts
#                                 munged, slurmctld and slurmd (as the calling user,
#                                 sockets, state and logs all under DIR), and waits
#                                 until the node takes jobs; prints why on failure
#   one_node_slurm.sh stop DIR    stops the three daemons by their pid files
# Jobs are submitted with SLURM_CONF=DIR/slurm.conf. Nothing outside DIR is used
# but two free TCP ports on localhost.
set -euo pipefail
cmd=$1
dir=$(readlink -f "$2")
export SLURM_CONF=$dir/slurm.conf

stop() {
  local f pid
  for f in slurmd slurmctld munged; do
    [[ -f $dir/$f.pid ]] || continue
    pid=$(cat "$dir/$f.pid" 2>/dev/null || true)
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  done
  # Wait (at most 5 s) for them to go, so the directory can be removed.
  for _ in $(seq 50); do
    local alive=0
    for f in slurmd slurmctld munged; do
      pid=$(cat "$dir/$f.pid" 2>/dev/null || true)
      [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [[ $alive == 0 ]] && return 0
    sleep 0.1
  done
}

if [[ $cmd == stop ]]; then
  stop
  exit 0
fi

for b in munged slurmctld slurmd sbatch squeue; do
  command -v "$b" >/dev/null || { echo "no $b (Debian packages munge, slurmctld, slurmd, slurm-client)"; exit 1; }
done
mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"
# A fresh key: 1024 random bytes, readable by its owner only.
head -c 1024 /dev/urandom >"$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged --force --socket="$dir/munge/munge.sock" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/munged.seed" || { echo "munged did not start"; cat "$dir/munge/munged.log" 2>/dev/null; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
host=$(hostname -s)
user=$(id -un)
cat >"$dir/slurm.conf" <<CONF
ClusterName=invplantest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
LaunchParameters=use_interactive_step
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MailProg=/bin/true
SchedulerParameters=kill_invalid_depend
MinJobAge=60
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
slurmctld -i || { echo "slurmctld did not start:"; tail -20 "$dir/slurmctld.log" 2>/dev/null; stop; exit 1; }
slurmd || { echo "slurmd did not start:"; tail -20 "$dir/slurmd.log" 2>/dev/null; stop; exit 1; }
# The node is up when sinfo shows it idle (at most 20 s).
for _ in $(seq 100); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then exit 0; fi
  sleep 0.2
done
echo "the node did not come up:"
sinfo 2>&1 | tail -3
tail -10 "$dir/slurmctld.log" "$dir/slurmd.log" 2>/dev/null
stop
exit 1
