# Sourced by the packaging scripts, with $repo set: the release's version (the one
# `docker-credential-ibmtp version` prints), SOURCE_DATE_EPOCH (every timestamp in an artifact: the
# last commit's, unless the caller set it) and the homepage its packages name (RELEASE_HOMEPAGE).
# shellcheck shell=bash
version="$(dotnet msbuild "$repo/src/Ibmtp.Helper/Ibmtp.Helper.csproj" -getProperty:Version -nologo)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}"
# shellcheck disable=SC2034 # used by the scripts that source this file
homepage="${RELEASE_HOMEPAGE:-https://github.com/${GITHUB_REPOSITORY:-docker-credential-ibmtp/docker-credential-ibmtp}}"
