using System.Text;
using System.Text.Json;
using Ibmtp.Json;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using static Ibmtp.Json.JsonFields;

namespace Ibmtp.Iam;

/// <summary>
/// Who an IAM access token speaks for, from its claims (the JWT's payload, read, not verified: the
/// token came from IAM over TLS, and the registry checks it). A person's own token names the person;
/// one already acting as a trusted profile has <c>sub_type</c> <c>Profile</c>.
/// </summary>
/// <param name="IamId">The person's IAM ID (<c>iam_id</c>, or <c>authn.iam_id</c> in a token acting as a profile), e.g. <c>IBMid-…</c>.</param>
/// <param name="Name">The person's name (<c>name</c>), else their e-mail, else the IAM ID.</param>
/// <param name="Account">The account the token is for (<c>account.bss</c>), when it names one.</param>
public sealed record AccessTokenClaims(string IamId, string Name, bool ActsAsProfile, string? Account)
{
    private const int LongestClaim = 200;

    /// <summary>The claims, or an <see cref="IamUnavailableException"/> when the token is not a JWT IAM would issue.</summary>
    public static AccessTokenClaims Of(Secret accessToken)
    {
        var parts = accessToken.Value.Split('.');
        try
        {
            if (parts.Length != 3)
                throw new FormatException("not three parts");
            var claims = Read(Base64Url(parts[1]), payload =>
            {
                var actsAsProfile = Text(payload, "sub_type") == "Profile";
                // A token acting as a profile names the profile in iam_id, and the person who assumed it in authn.
                var person = actsAsProfile && Field(payload, "authn") is { ValueKind: JsonValueKind.Object } authn ? authn : payload;
                var iamId = Text(person, "iam_id") ?? throw new FormatException("no iam_id");
                var account = Field(payload, "account") is { ValueKind: JsonValueKind.Object } accountClaim ? Text(accountClaim, "bss") : null;
                return new AccessTokenClaims(
                    Claim(iamId),
                    Claim(Text(person, "name") ?? Text(person, "email") ?? iamId),
                    actsAsProfile,
                    account is null ? null : Claim(account));
            });
            return claims ?? throw new FormatException("null");
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw new IamUnavailableException($"IAM answered with an access token whose claims cannot be read ({error.Message})");
        }
    }

    /// <summary>A claim as messages show it: one short line.</summary>
    private static string Claim(string value) => SafeLine.Of(value, LongestClaim);

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }
}
