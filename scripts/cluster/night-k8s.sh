#!/usr/bin/env bash
# Runs scripts/cluster/night-k8s.yaml step by step: applies each Job, waits for it
# to complete, then applies the next (Kubernetes has no Job dependencies).
#   N=8 IMAGE=registry/invplan:0.1 PVC=invplan-data PLAN=/data/plan.toml \
#     OUT=/data/night bash scripts/cluster/night-k8s.sh
# The steps are those of night.sbatch: train (the shared models, through the
# plan), shards (an Indexed Job of `invplan run --shards N`), merge, finish
# (`invplan run --from FROM --inputs-from OUT/merged`). Parameters as there:
# SET, DETECT (default 1), RNN (default 0), FROM (default policy); PARALLELISM
# pods at once (default N); TIMEOUT (default 6h) bounds each wait. A failed step
# stops the night.
set -euo pipefail
: "${N:?}" "${IMAGE:?}" "${PVC:?}" "${PLAN:?}" "${OUT:?}"
DETECT=${DETECT:-1}
RNN=${RNN:-0}
MODELS=$OUT/models
# The shared models as every piece and the finishing run read them, and the
# commands that train them (the YAML takes both as text).
SHARED=""
TRAIN="true"
if [[ $DETECT == 1 ]]; then
  SHARED="--set detect.model=$MODELS/forest.json"
  TRAIN="$TRAIN && invplan --quiet run --config $PLAN ${SET:-} --only detect --set detect.save-model=$MODELS/forest.json --out $OUT/train"
fi
if [[ $RNN == 1 ]]; then
  TRAIN="$TRAIN && invplan --quiet run --config $PLAN ${SET:-} $SHARED --only forecast --set forecast.save-model=$MODELS/net.json --out $OUT/train"
  SHARED="$SHARED --set forecast.load-model=$MODELS/net.json"
fi
export N IMAGE PVC PLAN OUT MODELS SHARED TRAIN PARALLELISM=${PARALLELISM:-$N}
export SET=${SET:-} FROM=${FROM:-policy}
manifest=$(dirname "$0")/night-k8s.yaml
# shellcheck disable=SC2016 # the names envsubst substitutes, not expansions
vars='${N} ${IMAGE} ${PVC} ${PLAN} ${OUT} ${MODELS} ${SHARED} ${TRAIN} ${PARALLELISM} ${SET} ${FROM}'
for step in train shards merge finish; do
  kubectl delete job "invplan-$step" --ignore-not-found >/dev/null
  # Only the listed variables are substituted: $K and $JOB_COMPLETION_INDEX stay for the pod's shell.
  envsubst "$vars" <"$manifest" | kubectl apply -l "invplan/step=$step" -f -
  kubectl wait --for=condition=complete --timeout="${TIMEOUT:-6h}" "job/invplan-$step"
done
