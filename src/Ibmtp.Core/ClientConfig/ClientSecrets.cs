using System.Text.Json;
using Ibmtp.Secrets;

namespace Ibmtp.ClientConfig;

/// <summary>
/// The secrets a client's auth file holds, registered with the redactor as the file is read, so that
/// no diff or message shows them however they are spelled: every value of a stored login, every
/// <c>HttpHeaders</c> value (an <c>Authorization</c> header), and the <c>user:password</c> of each
/// proxy address.
/// </summary>
internal static class ClientSecrets
{
    // The fields of a login that name a person or a host rather than hold a secret: blanking them
    // would blank the user's name out of every path in every message.
    private static readonly string[] NamingFields = ["username", "email", "serveraddress"];

    public static void Protect(JsonItem root)
    {
        foreach (var member in root.Members)
        {
            // Go's decoder, which the clients use, matches these names in any case.
            if (member.Name.Equals(AuthFile.AuthsKey, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var login in member.Value.Members)
                    ProtectLogin(login.Value);
            }
            else if (member.Name.Equals("HttpHeaders", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var header in member.Value.Members)
                    ProtectString(header.Value);
            }
            else if (member.Name.Equals("proxies", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var setting in member.Value.Members.SelectMany(proxy => proxy.Value.Members))
                    ProtectProxy(setting.Value);
            }
            else if (AuthFile.HoldsLogin(member.Value))
            {
                // A legacy ~/.dockercfg keeps its logins at the top level.
                ProtectLogin(member.Value);
            }
        }
    }

    private static void ProtectLogin(JsonItem login)
    {
        foreach (var field in login.Members.Where(field => !NamingFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase)))
            ProtectString(field.Value);
    }

    /// <summary>Registers a string as the clients read it and as the file spells it, escapes and all.</summary>
    private static void ProtectString(JsonItem value)
    {
        foreach (var spelling in Spellings(value))
            SecretRedactor.Protect(spelling);
    }

    /// <summary>Registers the <c>user:password</c> of a proxy address such as <c>http://user:password@proxy:3128</c>, and the password alone.</summary>
    private static void ProtectProxy(JsonItem address)
    {
        foreach (var spelling in Spellings(address))
        {
            var afterScheme = spelling.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? spelling[(scheme + 3)..] : spelling;
            var authority = afterScheme.IndexOfAny(['/', '?', '#']) is var end and >= 0 ? afterScheme[..end] : afterScheme;
            if (authority.LastIndexOf('@') is not (var at and > 0))
                continue;
            var userInfo = authority[..at];
            SecretRedactor.Protect(userInfo);
            if (userInfo.IndexOf(':') is var colon and >= 0)
                SecretRedactor.Protect(userInfo[(colon + 1)..]);
        }
    }

    private static IEnumerable<string> Spellings(JsonItem value) =>
        value.Kind == JsonTokenType.String ? new[] { value.Text!, value.Written! }.Distinct(StringComparer.Ordinal) : [];
}
