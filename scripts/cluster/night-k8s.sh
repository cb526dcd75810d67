#!/usr/bin/env bash
# Runs scripts/cluster/night-k8s.yaml step by step: applies each Job, waits for it
# to complete, then applies the next (Kubernetes has no Job dependencies).
#   N=8 IMAGE=registry/invplan:0.1 PVC=invplan-data SALES=/data/sales.csv \
#     ITEMS=/data/items.csv OUT=/data/night bash scripts/cluster/night-k8s.sh
# TIMEOUT (default 6h) bounds each wait; a failed step stops the night.
set -euo pipefail
: "${N:?}" "${IMAGE:?}" "${PVC:?}" "${SALES:?}" "${ITEMS:?}" "${OUT:?}"
export N IMAGE PVC SALES ITEMS OUT PARALLELISM=${PARALLELISM:-$N}
export FORECAST_ARGS=${FORECAST_ARGS:-} DETECT_ARGS=${DETECT_ARGS:-} POLICY_ARGS=${POLICY_ARGS:-}
export OPTIMIZE_ARGS=${OPTIMIZE_ARGS:-}
manifest=$(dirname "$0")/night-k8s.yaml
vars='${N} ${IMAGE} ${PVC} ${SALES} ${ITEMS} ${OUT} ${PARALLELISM} ${FORECAST_ARGS} ${DETECT_ARGS} ${POLICY_ARGS} ${OPTIMIZE_ARGS}'
for step in train shards merge policy finish; do
  kubectl delete job "invplan-$step" --ignore-not-found >/dev/null
  # Only the listed variables are substituted: $K and $JOB_COMPLETION_INDEX stay for the pod's shell.
  envsubst "$vars" <"$manifest" | kubectl apply -l "invplan/step=$step" -f -
  kubectl wait --for=condition=complete --timeout="${TIMEOUT:-6h}" "job/invplan-$step"
done
