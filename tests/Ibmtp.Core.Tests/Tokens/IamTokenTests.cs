using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Tokens;

[TestFixture]
public sealed class IamTokenTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly IamToken Token = new(new Secret("t"), Issued, Issued.AddSeconds(100));

    private static IamToken Lasting(TimeSpan lifetime) => new(new Secret("t"), Issued, Issued + lifetime);

    [TestCase(60, 15.0)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public void A_token_is_fresh_while_it_has_the_least_life_left_and_not_a_second_longer(int lifetimeMinutes, double leastLeftMinutes)
    {
        var token = Lasting(TimeSpan.FromMinutes(lifetimeMinutes));
        var lastServed = token.ExpiresAt - TimeSpan.FromMinutes(leastLeftMinutes);

        Assert.That(token.IsFresh(Issued), Is.True, "a new token is always handed out");
        Assert.That(token.IsFresh(lastServed), Is.True, $"with {leastLeftMinutes} min left");
        Assert.That(token.IsFresh(lastServed.AddSeconds(1)), Is.False, $"with a second less than {leastLeftMinutes} min left");
        Assert.That(token.RenewAt, Is.EqualTo(lastServed));
    }

    [Test]
    public void A_token_is_unusable_in_its_last_10_seconds()
    {
        Assert.That(Token.IsUsable(Issued.AddSeconds(89)), Is.True);
        Assert.That(Token.IsUsable(Issued.AddSeconds(90)), Is.False);
    }

    [Test]
    public void A_short_lived_token_is_never_fresh_within_10_seconds_of_expiry()
    {
        var shortLived = new IamToken(new Secret("t"), Issued, Issued.AddSeconds(13));

        Assert.That(shortLived.IsFresh(Issued.AddSeconds(3)), Is.False, "half of 13 s would still be left, but the last 10 s never are handed out");
    }

    [Test]
    public void Printing_a_token_never_shows_it()
    {
        Assert.That(new IamToken(new Secret("eyJsecret"), Issued, Issued).ToString(), Does.Not.Contain("eyJsecret"));
    }
}
