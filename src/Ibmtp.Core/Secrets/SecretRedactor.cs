using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ibmtp.Secrets;

/// <summary>
/// Remembers every secret this process has handled and blanks it out of any text headed for the log
/// or the user, so that a careless log statement cannot leak one. Token-shaped text (JWTs) is blanked
/// even if it was never registered. One per process: a helper process serves one request, and a
/// secret read anywhere in it must be blanked everywhere in it.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    // Shorter strings would blank ordinary words; a secret that short is not worth protecting.
    private const int ShortestSecret = 4;

    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    // Characters that URL-encoding and JSON-escaping leave as they are. API keys and tokens are made of
    // them, so their only other form is base64, and the escapers (whose set-up costs 3% of a `get`) stay
    // unused.
    private static readonly SearchValues<char> UnescapedEverywhere =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    /// <summary>
    /// Registers a secret, and the forms it takes when a server or proxy echoes it back: URL-encoded,
    /// JSON-escaped and base64. <see cref="Secret"/> calls this as it is created.
    /// </summary>
    internal static void Protect(string secret)
    {
        if (secret.Length < ShortestSecret)
            return;
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        string[] forms = secret.AsSpan().ContainsAnyExcept(UnescapedEverywhere)
            ? [secret, Uri.EscapeDataString(secret), JsonEncodedText.Encode(secret).ToString(), base64]
            : [secret, base64];
        lock (Gate)
        {
            foreach (var form in forms)
                Secrets.Add(form);
        }
    }

    public static string Redact(string text)
    {
        lock (Gate)
        {
            // Longest first, so that a secret containing another is blanked whole.
            foreach (var secret in Secrets.OrderByDescending(secret => secret.Length))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        // Every token the pattern matches starts with "eyJ": a text without it never starts the regex engine.
        return text.Contains(JsonWebTokenStart, StringComparison.Ordinal) ? JsonWebToken().Replace(text, Mask) : text;
    }

    private const string JsonWebTokenStart = "eyJ";

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JsonWebToken();
}
