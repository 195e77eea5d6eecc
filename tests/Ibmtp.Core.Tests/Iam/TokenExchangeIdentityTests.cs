using Ibmtp.CloudIdentity;
using Ibmtp.Iam;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// The token cache is keyed by a hash of each exchange's identity. Entries written by earlier
/// versions are only found again if the identity is spelled as it was: these are those spellings.
/// </summary>
[TestFixture]
public class TokenExchangeIdentityTests
{
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-1");

    [Test]
    public void An_API_key_exchange_is_known_by_mode_key_profile_and_endpoint_without_a_trailing_slash()
    {
        var exchange = new ApiKeyExchange(() => throw new AssertionException("no call"), new Uri("https://iam.cloud.ibm.com/"), new Secret("identity-key-1"), Profile);

        Assert.That(exchange.Identity, Is.EqualTo(new[] { "token", "identity-key-1", "id:Profile-1", "https://iam.cloud.ibm.com" }));
        Assert.That(TokenService.CacheKey(exchange), Is.EqualTo("d2caef3bb73d88047c83b721f04eaadd28d976d36a4bde7fdd312e534e8fe81c"));
    }

    [Test]
    public void A_compute_resource_token_exchange_is_known_by_mode_token_profile_and_endpoint()
    {
        var exchange = new CrTokenExchange(() => throw new AssertionException("no call"), new Uri("https://private.iam.cloud.ibm.com"), new Secret("identity-cr-token"), Profile);

        Assert.That(exchange.Identity, Is.EqualTo(new[] { "cr-token", "identity-cr-token", "id:Profile-1", "https://private.iam.cloud.ibm.com" }));
    }

    [Test]
    public void Two_service_accounts_trading_for_the_same_profile_never_share_a_cached_token()
    {
        var iam = new Uri("https://iam.cloud.ibm.com");
        var first = new CrTokenExchange(() => throw new AssertionException("no call"), iam, new Secret("identity-sa-token-1"), Profile);
        var second = new CrTokenExchange(() => throw new AssertionException("no call"), iam, new Secret("identity-sa-token-2"), Profile);

        Assert.That(TokenService.CacheKey(first), Is.Not.EqualTo(TokenService.CacheKey(second)));
    }

    [Test]
    public void A_VPC_exchange_is_known_by_mode_profile_and_metadata_endpoint()
    {
        var exchange = new MetadataExchange(CredentialMode.Vpc, () => throw new AssertionException("no call"), new Uri("http://169.254.169.254"), null);

        Assert.That(exchange.Identity, Is.EqualTo(new[] { "vpc", "default profile", "http://169.254.169.254" }));
    }

    [Test]
    public void A_PowerVS_exchange_never_shares_a_cached_token_with_a_VPC_exchange_for_the_same_profile_and_endpoint()
    {
        var endpoint = new Uri("https://api.metadata.power-iaas.cloud.ibm.com");
        var powerVs = new MetadataExchange(CredentialMode.PowerVs, () => throw new AssertionException("no call"), endpoint, Profile);
        var vpc = new MetadataExchange(CredentialMode.Vpc, () => throw new AssertionException("no call"), endpoint, Profile);

        Assert.That(powerVs.Identity, Is.EqualTo(new[] { "powervs", "id:Profile-1", "https://api.metadata.power-iaas.cloud.ibm.com" }));
        Assert.That(TokenService.CacheKey(powerVs), Is.Not.EqualTo(TokenService.CacheKey(vpc)));
    }
}
