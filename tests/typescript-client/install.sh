#!/usr/bin/env bash
# Installs the official TypeScript MCP client (@modelcontextprotocol/sdk, the version in package-lock.json) beside this
# script, for the tests that drive the server with it. The tests run this themselves when it is missing; .ci/run runs
# it first. Needs node (>= 18) and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm ci --no-audit --no-fund --silent
echo "typescript client: @modelcontextprotocol/sdk $(node -p 'require("./node_modules/@modelcontextprotocol/sdk/package.json").version') on node $(node --version)"
