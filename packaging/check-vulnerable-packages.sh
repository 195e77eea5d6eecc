#!/usr/bin/env bash
# Fails when any package the solution uses, directly or through another, has a known vulnerability
# in NuGet's advisory data. A package source that serves no advisory data (a mirror, say) cannot
# answer: then this says so and checks nothing, rather than report a clean result it never saw.
#   packaging/check-vulnerable-packages.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

report="$(dotnet list "$repo/CredentialHelper.sln" package --vulnerable --include-transitive --format json)"
sources="$(python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin).get("sources", [])))' <<<"$report")"
for source in $sources; do
  if ! curl -fsS --max-time 20 "$source" | grep -q 'VulnerabilityInfo'; then
    echo "vulnerable packages: not checked, because $source serves no vulnerability data (nuget.org does)"
    exit 0
  fi
done

python3 - <<'PY' "$report"
import json, sys
report = json.loads(sys.argv[1])
found = [
    f"{project['path']}: {package.get('id')} {package.get('resolvedVersion')} "
    f"({', '.join(str(v.get('severity')) + ' ' + str(v.get('advisoryurl')) for v in package['vulnerabilities'])})"
    for project in report.get("projects", [])
    for framework in project.get("frameworks", [])
    for package in framework.get("topLevelPackages", []) + framework.get("transitivePackages", [])
    if package.get("vulnerabilities")
]
print("\n".join(found) if found else "vulnerable packages: none")
sys.exit(1 if found else 0)
PY
