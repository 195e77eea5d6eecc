#!/usr/bin/env bash
# Fails when any package the solution uses, directly or through another, has a known vulnerability
# in NuGet's advisory data. A package source that serves no advisory data (a mirror, say) cannot
# answer: then this says so and checks nothing, rather than report a clean result it never saw.
#   packaging/check-vulnerable-packages.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/packaging/require-packages.sh" jq curl

report="$(dotnet list "$repo/CredentialHelper.sln" package --vulnerable --include-transitive --format json)"
for source in $(jq -r '.sources[]?' <<<"$report"); do
  if ! curl -fsS --max-time 20 "$source" | grep -q 'VulnerabilityInfo'; then
    echo "vulnerable packages: not checked, because $source serves no vulnerability data (nuget.org does)"
    exit 0
  fi
done

found="$(jq -r '.projects[]? | .path as $project | .frameworks[]?
  | (.topLevelPackages // []) + (.transitivePackages // []) | .[]
  | select((.vulnerabilities // []) | length > 0)
  | "\($project): \(.id) \(.resolvedVersion) (\([.vulnerabilities[] | "\(.severity) \(.advisoryurl)"] | join(", ")))"' <<<"$report")"
if [ -n "$found" ]; then
  echo "$found"
  exit 1
fi
echo "vulnerable packages: none"
