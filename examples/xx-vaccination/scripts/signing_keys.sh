#!/bin/sh
# The certificate signing keys of Demoland, in secrets/signing/ (see docs/keys.md).
#   scripts/signing_keys.sh            create them (vaxkit cert keygen), once
#   scripts/signing_keys.sh --rotate   new active keys; the old ones are retired, still published
# Private keys are encrypted with VAXKIT_KEY_PASSPHRASE (from the environment, else from .env).
# Keep secrets/ out of Git and back it up offline together with the passphrase.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${VAXKIT_KEY_PASSPHRASE:-}" ]; then
    [ -f .env ] || python3 scripts/generate_secrets.py
    VAXKIT_KEY_PASSPHRASE=$(sed -n 's/^VAXKIT_KEY_PASSPHRASE=//p' .env)
fi
export VAXKIT_KEY_PASSPHRASE
mkdir -p secrets/signing
chmod 700 secrets secrets/signing
keyring=secrets/signing/xx-keyring.json
if [ "${1:-}" = "--rotate" ]; then
    [ -f "$keyring" ] || { echo "no key ring at $keyring: create it first" >&2; exit 1; }
    python3 run.py python scripts/rotate_signing_keys.py "$keyring"
elif [ -f "$keyring" ]; then
    echo "$keyring exists; use --rotate for new keys" >&2
    exit 1
else
    python3 run.py vaxkit cert keygen --country XX \
        --issuer "Ministry of Health of Demoland" \
        --issuer-url https://vaccination.demoland.example --out secrets/signing
fi
