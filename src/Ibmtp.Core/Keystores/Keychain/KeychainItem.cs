namespace Ibmtp.Keystores.Keychain;

/// <summary>
/// A generic password item's attributes, all readable without its secret: the label Keychain Access
/// shows, and the username, which is null on an item that has none (one not made by this helper).
/// </summary>
public sealed record KeychainItem(KeychainAddress Address, string Label, string? Username);
