namespace Ibmtp.Keystores.SecretService;

/// <summary>A Secret Service collection (a keyring), as a person sees it in Seahorse.</summary>
public sealed record SecretCollection(string Label, bool Locked);
