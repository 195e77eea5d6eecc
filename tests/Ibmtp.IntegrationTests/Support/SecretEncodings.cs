using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The forms a secret takes on disk when a client stores it itself: as is, or base64-encoded inside
/// "user:secret" (docker's and podman's "auth" entries), where its alignment depends on the username.
/// </summary>
public static class SecretEncodings
{
    /// <summary>The secret, then for each alignment the base64 characters that depend on it alone.</summary>
    public static IReadOnlyList<string> Of(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var forms = new List<string> { secret };
        for (var offset = 0; offset < 3; offset++)
        {
            var encoded = Convert.ToBase64String([.. new byte[offset], .. bytes]);
            // The first characters also encode the bytes before the secret, and a padded final group
            // those after it.
            var start = offset == 0 ? 0 : offset + 1;
            var end = (offset + bytes.Length) % 3 == 0 ? encoded.Length : encoded.Length - 4;
            if (end > start)
            {
                forms.Add(encoded[start..end]);
            }
        }

        return forms;
    }
}
