using Ibmtp.Secrets;

namespace Ibmtp.Keystores.Keychain;

/// <summary>A generic password item found with its secret.</summary>
public sealed record KeychainEntry(KeychainItem Item, Secret Secret);
