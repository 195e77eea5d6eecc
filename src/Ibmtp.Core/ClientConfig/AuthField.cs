using System.Text;

namespace Ibmtp.ClientConfig;

/// <summary>The <c>auth</c> field of a login in docker's <c>auths</c> form: base64 of <c>user:password</c>.</summary>
internal static class AuthField
{
    /// <summary>
    /// The field decoded as docker decodes it (<c>decodeAuth</c>): standard base64 with its
    /// padding, line breaks skipped, then a user that is not empty, a colon and the password; null when it is not that.
    /// </summary>
    public static (string User, string Password)? Decode(string auth)
    {
        var written = auth.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        if (written.Any(char.IsWhiteSpace))
            return null;
        var bytes = new byte[written.Length];
        if (!Convert.TryFromBase64String(written, bytes, out var length))
            return null;
        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = decoded.IndexOf(':');
        return colon > 0 ? (decoded[..colon], decoded[(colon + 1)..].Trim('\0')) : null;
    }
}
