#!/usr/bin/env bash
# The deployment recipes of data/deploy/, run as far as this machine allows,
# each against a serial run of the same manifest (byte for byte):
#  - Slurm (slurm.sh N ...): arrays 0-3:2 then a rerun of 1,3 give the serial
#    run; with N = 7, --array=0-6:2 runs exactly shards 1,3,5,7 and 1-5:2 the
#    rest; an index >= N and a missing N are refused;
#  - GNU parallel (parallel.sh): through a stand-in ssh that starts every job
#    with an empty environment, INCMAP_BASEMAPS reaches the remote incmap,
#    and a remote host without basemaps fails its shard (non-zero exit);
#  - Kubernetes (kubernetes.yaml, kubernetes-once.yaml): the documents parse;
#    PVC, CronJob (Indexed, shard count = completions, volume = the claim,
#    --output-root inside the mount, no fixed Job name; generateName for the
#    one-off Job, with the CronJob's pod template); then the pods' own shell
#    scripts (seed, then render) run here for indexes 0-3 with the Job name
#    the CronJob gives the 2021-07-09 02:15 UTC run: the seeded volume holds
#    the serial run's maps under output/nightly/2021-07-09/;
#  - systemd: systemd-analyze verify on the service and timer (skipped if
#    absent), with the installed paths pointed here;
#  - cron: every command names programs by absolute path, and the line runs
#    (as a dry run) with cron's PATH (/usr/bin:/bin);
#  - Containerfile: two stages from Debian 12 slim, a non-root USER, the
#    install copied from the build stage.
# Usage: recipes.sh INCMAP SOURCE_DIR SCRATCH
set -euo pipefail
incmap=$1 src=$2 scratch=$3
deploy=$src/data/deploy
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch"
now=2021-07-09
mkdir work && cp "$src/data/iraq-2021.json" work/
# The sample manifest at a small size, to keep the test fast.
sed 's|"formats": \["png"\],|"formats": ["png"], "size": "480x360",|' "$deploy/nightly.json" > work/nightly.json
grep -q '"size": "480x360"' work/nightly.json || fail "could not shrink the sample manifest"
m=$scratch/work/nightly.json
"$incmap" batch "$m" --now $now --jobs 2 -q --output-root "$scratch/serial"
n_out=$(find serial -type f -not -path '*/.incmap-*' | wc -l)
[ "$n_out" -eq 7 ] || fail "expected 7 maps from the sample manifest, got $n_out"
same() { # same DIR: DIR holds exactly the serial run's maps
  diff -r --exclude=.incmap-state --exclude=.incmap-batch.lock --exclude='summary*' \
    --exclude='incmap-summary*' "$scratch/serial" "$1" >/dev/null || fail "$1 differs from the serial run"
}

# ---- Slurm ----
# slurm_array N "INDICES" ROOT: run the array tasks as Slurm would start them.
slurm_array() {
  local n=$1 ids=$2 root=$3 pids=() min count t
  min=$(tr ' ' '\n' <<<"$ids" | sort -n | head -1)
  count=$(wc -w <<<"$ids")
  for t in $ids; do
    SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_MIN=$min SLURM_ARRAY_TASK_COUNT=$count \
      SLURM_CPUS_PER_TASK=1 NOW=$now INCMAP=$incmap \
      bash "$deploy/slurm.sh" "$n" "$m" -q --output-root "$root" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || fail "Slurm task failed (N=$n, array $ids)"; done
}
slurm_array 4 "0 2" slurm4        # --array=0-3:2
n_half=$(find slurm4 -type f -not -path '*/.incmap-*' | wc -l)
[ "$n_half" -gt 0 ] && [ "$n_half" -lt 7 ] || fail "--array=0-3:2 of 4 wrote $n_half maps"
slurm_array 4 "1 3" slurm4        # the rerun of the other indices: --array=1,3
same slurm4
slurm_array 7 "0 2 4 6" slurm7    # --array=0-6:2 with 7 shards
for k in 1 3 5 7; do
  "$incmap" batch "$m" --dry-run -q --shard $k/7 --now $now --output-root "$scratch/slurm7"
done | cut -f2 | sort > want.txt
(cd slurm7 && find . -type f -not -path '*/.incmap-*' -not -name '*summary*' | sed "s|^\.|$scratch/slurm7|" | sort) > got.txt
diff want.txt got.txt >/dev/null || fail "--array=0-6:2 of 7 did not run exactly shards 1,3,5,7"
slurm_array 7 "1 3 5" slurm7      # --array=1-5:2: the rest
same slurm7
set +e
SLURM_ARRAY_TASK_ID=4 bash "$deploy/slurm.sh" 4 "$m" --dry-run >/dev/null 2>err.txt; rc=$?
set -e
[ "$rc" -eq 2 ] && grep -q "outside 0-3" err.txt || fail "slurm.sh ran array index 4 of 4 shards ($rc)"
( SLURM_ARRAY_TASK_ID=0 bash "$deploy/slurm.sh" >/dev/null 2>&1 ) && fail "slurm.sh ran without N"
echo "ok: Slurm: 0-3:2 + rerun 1,3 = serial; 0-6:2 of 7 = shards 1,3,5,7; bad indices refused"

# ---- GNU parallel, with a stand-in ssh: each job starts with an empty environment ----
if command -v parallel >/dev/null; then
  cat > fake-ssh <<'SH'
#!/bin/sh
# ssh [options] HOST [--] COMMAND: run COMMAND here, with nothing of our environment.
while [ "${1#-}" != "$1" ]; do shift; done
shift
[ "$1" = "--" ] && shift
exec env -i PATH="$PATH" HOME="$HOME" SHELL=/bin/bash /bin/bash -c "$*"
SH
  cat > incmap-remote <<SH
#!/bin/sh
# The "remote" incmap: records which basemap folder it was given.
echo "\${INCMAP_BASEMAPS:-unset}" >> "$scratch/remote-env.txt"
exec "$incmap" "\$@"
SH
  chmod +x fake-ssh incmap-remote
  INCMAP_BASEMAPS=$src/basemaps INCMAP=$scratch/incmap-remote SSH=$scratch/fake-ssh NOW=$now \
    bash "$deploy/parallel.sh" "$m" host1,host2 3 -q --output-root "$scratch/parallel" >parallel.log 2>&1 \
    || { cat parallel.log; fail "parallel.sh failed"; }
  same parallel
  [ "$(sort -u remote-env.txt)" = "$src/basemaps" ] \
    || fail "INCMAP_BASEMAPS did not reach the remote hosts: $(sort -u remote-env.txt | tr '\n' ' ')"
  set +e
  INCMAP_BASEMAPS=$scratch/no-such-folder INCMAP=$scratch/incmap-remote SSH=$scratch/fake-ssh \
    NOW=$now bash "$deploy/parallel.sh" "$m" host1 3 -q --output-root "$scratch/parallel-bad" \
    >parallel-bad.log 2>&1; rc=$?
  set -e
  [ "$rc" -ne 0 ] || fail "parallel.sh said ok when the remote basemaps are missing"
  grep -q "no-such-folder" parallel-bad.log || fail "the failing shards did not say where they looked"
  echo "ok: GNU parallel over a stand-in ssh: INCMAP_BASEMAPS passed; missing basemaps fail ($rc shards)"
else
  echo "note: GNU parallel is not installed; parallel.sh was not run"
fi

# ---- Kubernetes ----
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$deploy/kubernetes.yaml" "$deploy/kubernetes-once.yaml" "$scratch/k8s" <<'PY'
import os, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
once = [d for d in yaml.safe_load_all(open(sys.argv[2])) if d]
kinds = {d["kind"]: d for d in docs}
assert set(kinds) == {"PersistentVolumeClaim", "CronJob"}, kinds.keys()
pvc, cj = kinds["PersistentVolumeClaim"], kinds["CronJob"]
assert pvc["spec"]["resources"]["requests"]["storage"]
cs = cj["spec"]
assert len(cs["schedule"].split()) == 5 and cs["timeZone"] == "Etc/UTC"
assert cs["concurrencyPolicy"] == "Forbid"
js = cs["jobTemplate"]["spec"]
assert "name" not in cs["jobTemplate"].get("metadata", {}), "a fixed Job name fails the next night"
assert js["completionMode"] == "Indexed" and js["completions"] >= 1
assert js["parallelism"] <= js["completions"]
pod = js["template"]["spec"]
assert pod["restartPolicy"] == "Never"
assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
vols = {v["name"]: v for v in pod["volumes"]}
c = pod["containers"][0]
env = {e["name"]: e for e in c["env"]}
assert int(env["INCMAP_SHARD_COUNT"]["value"]) == js["completions"], "INCMAP_SHARD_COUNT != completions"
assert env["JOB_NAME"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.labels['job-name']"
mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
claim = [n for n, v in vols.items() if "persistentVolumeClaim" in v]
assert len(claim) == 1 and vols[claim[0]]["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"]
root = mounts[claim[0]]
script = c["args"][0]
assert "--output-root " + root + "/" in script, "--output-root is not inside the volume"
assert "--shard auto" in script and "--now" in script
init = pod["initContainers"][0]
assert {m["mountPath"] for m in init["volumeMounts"]} == {root}
assert c["image"] == init["image"]
# The one-off Job: generateName, the same pod template but for NOW.
(job,) = once
assert job["kind"] == "Job" and "name" not in job["metadata"] and job["metadata"]["generateName"]
jt = job["spec"]["template"]
jenv = jt["spec"]["containers"][0]["env"]
assert {"name": "NOW", "value": "@NOW@"} in jenv
jenv.remove({"name": "NOW", "value": "@NOW@"})
assert job["spec"] == js, "kubernetes-once.yaml's Job differs from the CronJob's jobTemplate"
out = sys.argv[3]
os.makedirs(out, exist_ok=True)
open(out + "/seed.sh", "w").write(init["args"][0])
open(out + "/run.sh", "w").write(script)
open(out + "/vars", "w").write("%s\n%s\n%s\n" % (root, js["completions"], env["INCMAP_SHARD_COUNT"]["value"]))
PY
  root=$(sed -n 1p k8s/vars) pods=$(sed -n 2p k8s/vars) count=$(sed -n 3p k8s/vars)
  # The pods' scripts, with the volume here and the image's paths pointed at this build.
  mkdir -p k8s/maps k8s/bin
  ln -s "$incmap" k8s/bin/incmap
  for f in seed run; do
    sed -e "s|$root/|$scratch/k8s/maps/|g" -e "s|$root |$scratch/k8s/maps |g" \
        -e "s|/opt/incmap/share/incmap/examples/iraq-2021.json|$src/data/iraq-2021.json|" \
        -e "s|/opt/incmap/share/incmap/examples/nightly.json|$m|" \
        "k8s/$f.sh" > "k8s/$f-here.sh"
  done
  # The CronJob names the Job CRONJOB-MINUTES, the scheduled time in minutes since 1970.
  job_name=incmap-nightly-$(( $(date -u -d "$now 02:15" +%s) / 60 ))
  pids=()
  for ((i = 0; i < pods; i++)); do
    ( PATH=$scratch/k8s/bin:$PATH sh -eu k8s/seed-here.sh &&
      PATH=$scratch/k8s/bin:$PATH JOB_NAME=$job_name JOB_COMPLETION_INDEX=$i \
        INCMAP_SHARD_COUNT=$count sh -eu k8s/run-here.sh ) >"k8s/pod-$i.log" 2>&1 & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { cat k8s/pod-*.log; fail "a Kubernetes pod failed"; }; done
  [ -d "k8s/maps/output/nightly/$now" ] || fail "the pods did not render for $now (the schedule's day)"
  same k8s/maps/output
  [ -z "$(find k8s/maps -maxdepth 1 -name '.seed.*')" ] || fail "the seed left a temporary folder"
  for ((i = 0; i < pods; i++)); do
    [ -s "k8s/maps/output/summary-$now-$i.json" ] || fail "pod $i wrote no summary"
  done
  echo "ok: Kubernetes: PVC + CronJob (Indexed, $pods pods) and the generateName Job; the pods' scripts render the serial run for $now"
else
  echo "note: python3-yaml is missing; the Kubernetes recipe was not checked"
fi

# ---- systemd ----
mkdir -p systemd
for u in incmap-nightly.service incmap-nightly.timer; do
  sed -e "s|/usr/local/bin/incmap|$incmap|g" "$deploy/$u" > "systemd/$u"
done
if command -v systemd-analyze >/dev/null; then
  if ! systemd-analyze verify --man=no systemd/incmap-nightly.timer systemd/incmap-nightly.service \
       >systemd.log 2>&1; then
    # Not a unit problem: verify needs a running systemd for some checks.
    if grep -qE 'incmap-nightly\.(service|timer):[0-9]+:' systemd.log; then
      cat systemd.log; fail "systemd-analyze verify found problems in the units"
    fi
  fi
  grep -E 'incmap-nightly\.(service|timer):[0-9]+:' systemd.log && fail "systemd-analyze warned about the units"
  echo "ok: systemd-analyze verify: service and timer"
else
  echo "note: systemd-analyze is not installed; the units were not verified"
fi
grep -q '^ExecStart=/' "$deploy/incmap-nightly.service" || fail "ExecStart is not an absolute path"
grep -q '^OnCalendar=' "$deploy/incmap-nightly.timer" || fail "the timer has no OnCalendar"

# ---- cron ----
jobs=0
while read -r line; do
  case $line in '' | '#'*) continue ;; *=*) continue ;; esac
  read -r m h dom mon dow user cmd <<<"$line"
  for f in "$m" "$h" "$dom" "$mon" "$dow"; do
    [[ $f =~ ^[0-9*,/-]+$ ]] || fail "cron: bad time field '$f' in: $line"
  done
  [ -n "$user" ] && [[ $cmd == /* ]] || fail "cron: the command is not an absolute path: $line"
  [[ $cmd =~ \>\>\ /  ]] || fail "cron: the log is not an absolute path: $line"
  # Run it as cron would: cron's PATH, the paths pointed here.
  mkdir -p cron/srv/incmap/output
  cp work/nightly.json work/iraq-2021.json cron/srv/incmap/
  here=${cmd//\/usr\/local\/bin\/incmap/$incmap}
  here=${here//\/srv\/incmap/$scratch/cron/srv/incmap}
  here=${here//--output-root/--now $now --dry-run --output-root}
  env -i PATH=/usr/bin:/bin HOME=/ /bin/sh -c "$here" || fail "cron: the command failed: $here"
  grep -q "iraq-last-7-days" cron/srv/incmap/nightly.log || fail "cron: the command did not run incmap"
  jobs=$((jobs + 1))
done < "$deploy/incmap.cron"
[ "$jobs" -ge 1 ] || fail "cron: no job line"
echo "ok: cron: $jobs line(s), absolute paths, runs with cron's PATH"

# ---- Containerfile ----
cf=$deploy/Containerfile
[ "$(grep -c '^FROM ' "$cf")" -eq 2 ] || fail "Containerfile: not two stages"
grep -q '^ARG BASE=.*debian:bookworm-slim' "$cf" || fail "Containerfile: not from Debian 12 slim"
grep -q '^FROM ${BASE} AS build' "$cf" || fail "Containerfile: no build stage"
grep -q '^COPY --from=build /opt/incmap /opt/incmap' "$cf" || fail "Containerfile: the install is not copied"
user=$(sed -n 's/^USER \([^:]*\).*/\1/p' "$cf" | tail -1)
[ -n "$user" ] && [ "$user" != 0 ] && [ "$user" != root ] || fail "Containerfile: runs as root"
echo "ok: Containerfile: two Debian slim stages, USER $user"
