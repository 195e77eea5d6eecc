namespace Ibmtp.Secrets;

/// <summary>
/// A value that must never reach a log line, an error message or a screen: an API key, a token, a
/// password. It registers itself with <see cref="SecretRedactor"/> the moment it exists, and prints
/// as a mask, so a record or message that embeds one by mistake shows nothing.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    public Secret(string value)
    {
        Value = value;
        SecretRedactor.Protect(value);
    }

    /// <summary>The clear value, for the one place that must send it: the protocol answer, a request, a sealed file.</summary>
    public string Value { get; }

    public override string ToString() => SecretRedactor.Mask;

    public bool Equals(Secret? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? other) => Equals(other as Secret);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
