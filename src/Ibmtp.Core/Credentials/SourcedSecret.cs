using System.Security.Cryptography;
using System.Text;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>A secret and where it was read: a variable, <c>VARIABLE (@/path)</c>, or a file.</summary>
public sealed record SourcedSecret(Secret Secret, string Origin)
{
    /// <summary>
    /// A short fingerprint that tells two secrets apart without revealing either: the first 8 hex
    /// digits of the value's SHA-256, as people compare key fingerprints.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Secret.Value)))[..8];
        }
    }
}
