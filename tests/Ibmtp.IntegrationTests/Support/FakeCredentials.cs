using System.Security.Cryptography;

namespace Ibmtp.IntegrationTests;

/// <summary>Credentials shaped like IBM Cloud's, fresh per call so a leak scan cannot match a stale copy.</summary>
public static class FakeCredentials
{
    public const string TrustedProfileUsername = "Profile-11111111-2222-3333-4444-555555555555";

    private const string ApiKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>A 44-character string from the alphabet IBM Cloud API keys use.</summary>
    public static string NewApiKey() => RandomNumberGenerator.GetString(ApiKeyAlphabet, 44);
}
