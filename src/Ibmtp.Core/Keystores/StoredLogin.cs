using Ibmtp.Secrets;

namespace Ibmtp.Keystores;

/// <summary>A username and secret saved by <c>store</c>.</summary>
public sealed record StoredLogin(string Username, Secret Secret);
