using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Tokens;

[TestFixture]
public sealed class IamTokenTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly IamToken Token = new(new Secret("t"), Issued, Issued.AddSeconds(100));

    [Test]
    public void A_token_is_fresh_until_80_percent_of_its_lifetime()
    {
        Assert.That(Token.IsFresh(Issued.AddSeconds(79)), Is.True);
        Assert.That(Token.IsFresh(Issued.AddSeconds(80)), Is.False);
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
        var shortLived = new IamToken(new Secret("t"), Issued, Issued.AddSeconds(20));

        Assert.That(shortLived.IsFresh(Issued.AddSeconds(11)), Is.False);
    }

    [Test]
    public void Printing_a_token_never_shows_it()
    {
        Assert.That(new IamToken(new Secret("eyJsecret"), Issued, Issued).ToString(), Does.Not.Contain("eyJsecret"));
    }
}
