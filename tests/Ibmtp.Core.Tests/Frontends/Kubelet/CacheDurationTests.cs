using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Frontends.Kubelet;

[TestFixture]
public sealed class CacheDurationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_token_is_kept_until_the_cache_would_renew_it()
    {
        var token = new Login("iambearer", new Secret("cache-duration-token-1"), "IAM (cr-token)", Now.AddMinutes(60), Now.AddMinutes(45));

        Assert.That(GoDuration.Format(CacheDuration.For(token, Now, TimeSpan.FromHours(1))), Is.EqualTo("45m0s"));
    }

    /// <summary>The answer the kubelet keeps for a token IAM has just issued, and the life the token has left when the kubelet lets it go.</summary>
    [TestCase(60, "45m0s", 15.0)]
    [TestCase(20, "10m0s", 10.0)]
    [TestCase(5, "2m30s", 2.5)]
    public void A_new_token_is_kept_until_it_would_have_less_than_the_least_life_left(int lifetimeMinutes, string cacheDuration, double leftWhenDroppedMinutes)
    {
        var issued = new IamToken(new Secret("cache-duration-token-4"), Now, Now.AddMinutes(lifetimeMinutes));
        var token = new Login("iambearer", issued.AccessToken, "IAM (token)", issued.ExpiresAt, issued.RenewAt);

        var kept = CacheDuration.For(token, Now, TimeSpan.FromHours(1));

        Assert.That(GoDuration.Format(kept), Is.EqualTo(cacheDuration));
        Assert.That(issued.ExpiresAt - (Now + kept), Is.EqualTo(TimeSpan.FromMinutes(leftWhenDroppedMinutes)));
    }

    [Test]
    public void A_token_past_its_renewal_time_is_not_kept_at_all()
    {
        var token = new Login("iambearer", new Secret("cache-duration-token-2"), "IAM (token)", Now.AddSeconds(30), Now.AddSeconds(-5));

        Assert.That(GoDuration.Format(CacheDuration.For(token, Now, TimeSpan.FromHours(1))), Is.EqualTo("0s"));
    }

    [Test]
    public void An_API_key_is_kept_for_the_configured_duration()
    {
        var key = new Login("iamapikey", new Secret("cache-duration-key-3"), "environment (apikey)");

        Assert.That(CacheDuration.For(key, Now, TimeSpan.FromMinutes(20)), Is.EqualTo(TimeSpan.FromMinutes(20)));
    }
}
