#!/bin/sh
# Builds what the team server runs from an installed checkout (after `npm ci`): the UI
# (dist/renderer) and the relay bundle (dist/relay/cli.js), then checks that the bundle loads.
# The Dockerfile's build stage runs this script and CI runs it too (.ci/run), so an image is
# built by the same steps CI checks.
set -eu
cd "$(dirname "$0")/.."

echo "build-server: the UI (dist/renderer)"
# the production bundle, whatever NODE_ENV the caller runs under
NODE_ENV=production npx vite build --logLevel warn

echo "build-server: the relay bundle (dist/relay)"
node scripts/bundle-relay.mjs

# the bundle loads its dependencies and parses its arguments
node dist/relay/cli.js --help > /dev/null
echo "build-server: done"
