using System.Text.RegularExpressions;

namespace Ibmtp.Logging;

/// <summary>
/// Remembers every secret this process has handled and blanks it out of any text headed for the log,
/// so that a careless log statement cannot leak one. Token-shaped text (JWTs) is blanked even if it
/// was never registered.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    // Shorter strings would blank ordinary words; a secret that short is not worth protecting.
    private const int ShortestSecret = 4;

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Registers a secret and returns it, so reading and registering are one step.</summary>
    public string Protect(string secret)
    {
        if (secret.Length >= ShortestSecret)
        {
            lock (_gate)
                _secrets.Add(secret);
        }
        return secret;
    }

    public string Redact(string text)
    {
        lock (_gate)
        {
            // Longest first, so that a secret containing another is blanked whole.
            foreach (var secret in _secrets.OrderByDescending(secret => secret.Length))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return JsonWebToken().Replace(text, Mask);
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JsonWebToken();
}
