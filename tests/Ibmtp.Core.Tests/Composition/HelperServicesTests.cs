using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Composition;

[TestFixture]
public sealed class HelperServicesTests
{
    private static HelperServices Create(Dictionary<string, string> variables) =>
        HelperServices.Create(new FakeContext(new DictionaryEnvironment(variables)).Context);

    [Test]
    public void Without_HOME_or_XDG_CACHE_HOME_tokens_are_fetched_without_a_cache_rather_than_failing()
    {
        using var services = Create(new() { ["IBMTP_LOG_LEVEL"] = "off" });

        Assert.That(services.TokenCache, Is.SameAs(NullTokenCache.Instance));
    }

    [Test]
    public void With_XDG_CACHE_HOME_alone_tokens_are_cached_there()
    {
        using var home = new TempHome();
        using var services = Create(new() { ["XDG_CACHE_HOME"] = home.Variables["XDG_CACHE_HOME"], ["IBMTP_LOG_LEVEL"] = "off" });

        Assert.That(services.TokenCache, Is.InstanceOf<FileTokenCache>());
    }

    [Test]
    public void IBMTP_NO_CACHE_turns_the_cache_off()
    {
        using var home = new TempHome();
        home.Variables["IBMTP_NO_CACHE"] = "1";
        using var services = Create(home.Variables);

        Assert.That(services.TokenCache, Is.SameAs(NullTokenCache.Instance));
    }

    [Test]
    [Platform(Exclude = "MacOsX", Reason = "the refusal is for every other system")]
    public void The_keychain_chosen_anywhere_but_macOS_is_refused_rather_than_replaced_by_another_store()
    {
        using var home = new TempHome();
        using var services = Create(home.Variables);

        Assert.That(() => services.OpenKeystore(KeystoreKind.Keychain), Throws.TypeOf<HelperException>().With.Message.StartsWith("the keychain keystore is macOS's"));
    }
}
