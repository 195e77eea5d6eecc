using System.Security.Authentication;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IAM over each TLS version the helper must speak: against a server that accepts only TLS 1.2, and one that accepts
/// only TLS 1.3, the published binary's token-mode exchange goes through, over that version.
/// </summary>
[TestFixture(SslProtocols.Tls12)]
[TestFixture(SslProtocols.Tls13)]
public sealed class IamTlsVersionTests(SslProtocols version) : IamEmulatorFixture(new EmulatorTls { Protocols = version })
{
    [Test]
    public async Task A_server_that_speaks_only_this_version_gives_a_token()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("SSL_CERT_FILE", Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS")));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(Iam.RequestsOver(version), Is.EqualTo(2), "both grants over this version, and no other");
        });
    }
}
