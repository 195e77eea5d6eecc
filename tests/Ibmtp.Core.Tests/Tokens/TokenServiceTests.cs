using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using Moq;

namespace Ibmtp.Tests.Tokens;

[TestFixture]
public class TokenServiceTests
{
    [Test]
    public void A_token_that_is_already_over_is_refused_naming_the_mode_as_users_spell_it()
    {
        var now = DateTimeOffset.UtcNow;
        var exchange = new Mock<ITokenExchange>();
        exchange.Setup(e => e.Mode).Returns(CredentialMode.CrToken);
        exchange.Setup(e => e.Identity).Returns(["cr-token", "over-token-key"]);
        exchange.Setup(e => e.FetchAsync(It.IsAny<Deadline>())).ReturnsAsync(new IamToken(new Secret("over-token"), now.AddHours(-1), now.AddSeconds(-1)));
        var tokens = new TokenService(NullTokenCache.Instance, TimeSpan.FromSeconds(5), TimeProvider.System, _ => { });

        Assert.That(() => tokens.Get(exchange.Object),
            Throws.TypeOf<IamUnavailableException>().With.Message.StartsWith("the cr-token exchange returned a token that expires at "));
    }
}
