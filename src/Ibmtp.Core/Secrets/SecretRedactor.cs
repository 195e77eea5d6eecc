using System.Buffers;
using System.Text;
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

    // Each secret as itself and its base64; a secret an encoder may change has its SecretSpellings, and
    // base64, which is echoed as it is, none. Held as object: a dictionary of SecretSpellings would add
    // the static bases of a dozen generic types that every start of the helper allocates, and one of
    // object is there already (see bench/startup-statics.md).
    private static readonly Dictionary<string, object?> Secrets = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    // Characters that every URL encoder and JSON escaper leaves as they are. API keys and tokens are
    // made of them, so they are found as themselves, without spellings. ('~' is not one: Java's
    // URLEncoder and Python's quote before 3.7 encode it.)
    private static readonly SearchValues<char> UnescapedEverywhere =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>
    /// Registers a secret, and the forms it takes when a server or proxy echoes it back: any URL or
    /// JSON spelling of it (see <see cref="SecretSpellings"/>), and base64. <see cref="Secret"/> calls
    /// this as it is created.
    /// </summary>
    internal static void Protect(string secret)
    {
        if (secret.Length < ShortestSecret)
            return;
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        lock (Gate)
        {
            Secrets.TryAdd(secret, secret.AsSpan().ContainsAnyExcept(UnescapedEverywhere) ? new SecretSpellings(secret) : null);
            Secrets.TryAdd(base64, null);
        }
    }

    public static string Redact(string text)
    {
        lock (Gate)
        {
            // Longest first, so that a secret containing another is blanked whole.
            foreach (var secret in Secrets.Keys.OrderByDescending(secret => secret.Length))
                text = Secrets[secret] is SecretSpellings spellings ? spellings.Replace(text, Mask) : text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        // Every token the pattern matches starts with "eyJ": a text without it never starts the regex engine.
        return text.Contains(JsonWebTokenStart, StringComparison.Ordinal) ? JsonWebToken().Replace(text, Mask) : text;
    }

    private const string JsonWebTokenStart = "eyJ";

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex JsonWebToken();
}
