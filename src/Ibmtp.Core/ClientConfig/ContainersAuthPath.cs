namespace Ibmtp.ClientConfig;

/// <summary>A file the containers tools read logins from, and whether it is in docker's legacy form (hosts at the top level).</summary>
public sealed record ContainersAuthPath(string Path, bool Legacy);
