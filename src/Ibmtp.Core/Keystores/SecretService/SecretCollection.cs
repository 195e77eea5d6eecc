namespace Ibmtp.Keystores.SecretService;

/// <summary>A Secret Service collection (a keyring): its D-Bus object, and its name and state as a person sees them in Seahorse.</summary>
public sealed record SecretCollection(string Path, string Label, bool Locked);
