#!/bin/sh
# Load .env and the signing keys into the cluster as Secrets (never into Git or the manifests).
#   scripts/k8s_secrets.sh NAMESPACE      e.g. xx-vaccination or xx-vaccination-staging
# Set DATABASE_URL in .env to the managed PostgreSQL (or Citus coordinator) first.
set -eu
cd "$(dirname "$0")/.."
namespace=${1:?give the namespace, e.g. xx-vaccination}
grep -q '^DATABASE_URL=.\+' .env || { echo "set DATABASE_URL in .env first" >&2; exit 1; }
kubectl -n "$namespace" create secret generic xx-vaccination-secrets --from-env-file=.env \
    --dry-run=client -o yaml | kubectl apply -f -
if [ -d secrets/signing ]; then
    kubectl -n "$namespace" create secret generic xx-vaccination-signing-keys \
        --from-file=secrets/signing --dry-run=client -o yaml | kubectl apply -f -
fi
