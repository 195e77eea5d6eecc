using System.Text;
using System.Text.Json;
using Ibmtp.Secrets;

namespace Ibmtp.ClientConfig;

/// <summary>
/// The secrets a client's auth file holds: every value of a stored login (an <c>auth</c> also
/// decoded), every <c>HttpHeaders</c>
/// value (an <c>Authorization</c> header), and the <c>user:password</c> of each proxy address. They
/// are registered with the redactor as the file is read, so that no message shows them however they
/// are spelled, and their places in the file are kept, so that a diff blanks them whatever their
/// length: the redactor leaves strings too short to be secrets alone, and a password can be that short.
/// </summary>
internal static class ClientSecrets
{
    // The fields of a login that name a person or a host rather than hold a secret: blanking them
    // would blank the user's name out of every path in every message.
    private static readonly string[] NamingFields = ["username", "email", "serveraddress"];

    /// <summary>Registers the secrets of the file whose bytes are <paramref name="body"/>; returns where each stands in them, in order.</summary>
    public static IReadOnlyList<Range> Protect(JsonItem root, ReadOnlySpan<byte> body)
    {
        var places = new List<Range>();
        foreach (var member in root.Members)
        {
            // Go's decoder, which the clients use, matches these names in any case.
            if (member.Name.Equals(AuthFile.AuthsKey, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var login in member.Value.Members)
                    ProtectLogin(login.Value, places);
            }
            else if (member.Name.Equals("HttpHeaders", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var header in member.Value.Members)
                    ProtectString(header.Value, places);
            }
            else if (member.Name.Equals("proxies", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var proxy in member.Value.Members)
                {
                    foreach (var setting in proxy.Value.Members)
                        ProtectProxy(setting.Value, body, places);
                }
            }
            else if (AuthFile.HoldsLogin(member.Value))
            {
                // A legacy ~/.dockercfg keeps its logins at the top level.
                ProtectLogin(member.Value, places);
            }
        }
        return [.. places.OrderBy(place => place.Start.Value)];
    }

    private static void ProtectLogin(JsonItem login, List<Range> places)
    {
        foreach (var field in login.Members)
        {
            if (NamingFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
                continue;
            ProtectString(field.Value, places);
            if (field.Name.Equals("auth", StringComparison.OrdinalIgnoreCase) && field.Value.Text is { } auth && AuthField.Decode(auth) is var (user, password))
            {
                // The password decoded, alone and as "user:password", as a client that decoded it may echo it.
                SecretRedactor.Protect($"{user}:{password}");
                SecretRedactor.Protect(password);
            }
        }
    }

    /// <summary>Registers a string as the clients read it and as the file spells it, escapes and all.</summary>
    private static void ProtectString(JsonItem value, List<Range> places)
    {
        foreach (var spelling in Spellings(value))
            SecretRedactor.Protect(spelling);
        if (value.Kind == JsonTokenType.String)
            places.Add(Between(value));
    }

    /// <summary>Registers the <c>user:password</c> of a proxy address such as <c>http://user:password@proxy:3128</c>, and the password alone.</summary>
    private static void ProtectProxy(JsonItem address, ReadOnlySpan<byte> body, List<Range> places)
    {
        foreach (var spelling in Spellings(address))
            UrlCredentials.Protect(spelling);
        if (address.Kind != JsonTokenType.String || UrlCredentials.Find(address.Text!) is null)
            return;
        // Found in the bytes as written, one character per byte; an '@' written as an escape leaves the whole address to blank.
        var written = Between(address);
        var (start, _) = written.GetOffsetAndLength(body.Length);
        places.Add(UrlCredentials.Find(Encoding.Latin1.GetString(body[written])) is { } inBytes
            ? new Range(start + inBytes.Start.Value, start + inBytes.End.Value)
            : written);
    }

    /// <summary>A string's place in the bytes, between its quotes.</summary>
    private static Range Between(JsonItem value) => new(value.Start + 1, value.End - 1);

    private static IEnumerable<string> Spellings(JsonItem value) =>
        value.Kind == JsonTokenType.String ? new[] { value.Text!, value.Written! }.Distinct(StringComparer.Ordinal) : [];
}
