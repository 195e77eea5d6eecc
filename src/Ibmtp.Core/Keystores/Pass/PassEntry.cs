using Ibmtp.Configuration;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// A login as a pass entry, by pass's convention: the secret on the first line, where <c>pass -c</c>
/// and browser extensions look for the password, then a <c>username: </c> line, where they look for
/// the login name.
/// </summary>
public static class PassEntry
{
    private const string UsernameField = "username:";

    private static string KeepItElsewhere =>
        $"keep it with {KeystoreKinds.Assignment(KeystoreKind.File)} or {KeystoreKinds.All.Spelling(KeystoreKind.SecretService)}";

    /// <summary>The entry's text; throws a <see cref="HelperException"/> for a login that would not read back the same.</summary>
    public static string Write(StoredLogin login)
    {
        if (HasLineBreak(login.Secret.Value))
            throw new HelperException($"the secret has a line break, and pass keeps the secret on one line: nothing was stored; {KeepItElsewhere}");
        if (HasLineBreak(login.Username))
            throw new HelperException($"the username has a line break, which a pass entry cannot hold: nothing was stored; {KeepItElsewhere}");
        return $"{login.Secret.Value}\n{UsernameField} {login.Username}\n";
    }

    /// <summary>The login in an entry's text, or null when it has no username line (an entry written by hand, perhaps).</summary>
    public static StoredLogin? Read(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var username = lines.Skip(1).FirstOrDefault(line => line.StartsWith(UsernameField, StringComparison.OrdinalIgnoreCase));
        return username is null ? null : new StoredLogin(username[UsernameField.Length..].Trim(), new Secret(lines[0]));
    }

    private static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\n', '\r') >= 0;
}
