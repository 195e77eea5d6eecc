namespace Ibmtp.Platform;

/// <summary>
/// A bound on IBMTP_TIMEOUT from a caller that kills the helper sooner (the kubelet), and what a person
/// can do when that bound, not the setting, ended a wait: raising the setting would not help.
/// </summary>
public sealed record TimeoutCap(TimeSpan Longest, string Advice);
