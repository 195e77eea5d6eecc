using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using Moq;

namespace Ibmtp.Tests.Tokens;

/// <summary>With caching off (IBMTP_NO_CACHE), every call fetches a token and nothing is kept.</summary>
[TestFixture]
public class NullTokenCacheTests
{
    [Test]
    public void Every_get_fetches_a_new_token()
    {
        var fetches = 0;
        var exchange = new Mock<ITokenExchange>();
        exchange.Setup(e => e.Identity).Returns(["token", "null-cache-key"]);
        exchange.Setup(e => e.FetchAsync(It.IsAny<Deadline>())).Returns(() =>
        {
            fetches++;
            return Task.FromResult(new IamToken(new Secret($"null-cache-token-{fetches}"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1)));
        });
        var tokens = new TokenService(NullTokenCache.Instance, TimeSpan.FromSeconds(5), TimeProvider.System, _ => { });

        var first = tokens.Get(exchange.Object);
        var second = tokens.Get(exchange.Object);

        Assert.That(fetches, Is.EqualTo(2));
        Assert.That(second.AccessToken, Is.Not.EqualTo(first.AccessToken));
    }

    [Test]
    public void Nothing_is_ever_fresh()
    {
        Assert.That(NullTokenCache.Instance.FreshToken("any-key"), Is.Null);
    }
}
