using System.Text;

namespace Ibmtp.Tests.Support;

/// <summary>The ways a secret could be written to disk without encryption: as text, or base64 at any byte alignment.</summary>
public static class SecretForms
{
    public static IEnumerable<string> Of(string secret)
    {
        yield return secret;
        var bytes = Encoding.UTF8.GetBytes(secret);
        // Inside a longer base64 text the secret starts at one of three alignments; the last
        // group of four characters also encodes whatever follows, so it is left out.
        for (var skip = 0; skip < 3; skip++)
        {
            var encoded = Convert.ToBase64String(bytes, skip, bytes.Length - skip).TrimEnd('=');
            yield return encoded[..^4];
        }
    }

    /// <summary>Files under <paramref name="folder"/> that hold <paramref name="secret"/> in any of its forms.</summary>
    public static IEnumerable<string> FilesHolding(string folder, string secret) =>
        TempHome.FilesUnder(folder).Where(path =>
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
            return Of(secret).Any(form => text.Contains(form, StringComparison.Ordinal));
        });
}
