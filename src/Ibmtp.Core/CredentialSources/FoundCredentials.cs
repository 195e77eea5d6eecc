using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>Credentials and where they came from, for the one log line of each call (e.g. "environment (apikey)").</summary>
public sealed record FoundCredentials(Credentials Credentials, string Origin);
