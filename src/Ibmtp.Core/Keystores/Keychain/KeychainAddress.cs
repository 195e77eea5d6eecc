namespace Ibmtp.Keystores.Keychain;

/// <summary>What identifies a generic password item: the service (the application) and the account within it.</summary>
public readonly record struct KeychainAddress(string Service, string Account);
