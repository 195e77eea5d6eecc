using System.Buffers.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Reads the claims of an access token the IAM emulator issued (a JWT whose payload says whom it stands for).</summary>
public static class EmulatorToken
{
    public const string Issuer = "ibmtp-iam-emulator";

    /// <summary>The payload of <paramref name="token"/>, after checking it is a JWT from the emulator.</summary>
    public static JsonObject Claims(string token)
    {
        var parts = token.Split('.');
        Assert.That(parts, Has.Length.EqualTo(3), "an access token is a JWT: header.payload.signature");
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))?.AsObject();
        Assert.That(claims?["iss"]?.GetValue<string>(), Is.EqualTo(Issuer), "the token must come from the IAM emulator");
        return claims!;
    }

    /// <summary>The identity the token stands for: a trusted profile ID, a service ID name, ...</summary>
    public static string Subject(string token) => Claims(token)["sub"]!.GetValue<string>();

    /// <summary>When the token stops working (its <c>exp</c>, in whole seconds).</summary>
    public static DateTimeOffset ExpiresAt(string token) => DateTimeOffset.FromUnixTimeSeconds(Claims(token)["exp"]!.GetValue<long>());

    /// <summary>How the token was obtained: a grant type, or the metadata service's call.</summary>
    public static string Origin(string token) => Claims(token)["grant_type"]!.GetValue<string>();
}
