namespace Ibmtp.Keystores.SecretService;

/// <summary>A Secret Service item: its attributes, whether its collection is locked, and its secret when it was asked for and could be read.</summary>
public sealed record SecretItem(IReadOnlyDictionary<string, string> Attributes, bool Locked, byte[]? Secret);
