using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The login flow every client goes through: `<paramref name="client"/> login` stores the profile ID and API key
/// through the helper, skopeo later pushes with what was stored, and `<paramref name="client"/> logout` erases it.
/// Each client's fixture names the tests and says how the client is driven and where it names the helper.
/// </summary>
/// <param name="client">The client's executable, also the word the failure messages and the repository use.</param>
public abstract class ClientLoginFixture(string client) : RegistryFixture(client)
{
    protected abstract ILoginClient Client(TestHome home);

    /// <summary>Writes the client's config naming the helper for <paramref name="host"/>.</summary>
    protected abstract void NameTheHelperInTheClientsConfig(TestHome home, string host);

    /// <summary>After a login, the client's own config file must hold no secret of it.</summary>
    protected abstract void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host);

    protected async Task AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt()
    {
        using var home = HomeUsingTheHelper();
        using var calls = HelperInvocations.Install(home);
        var loginClient = Client(home);
        var helper = new HelperCli(home);

        // login: the helper's store keeps the login, encrypted.
        var login = await loginClient.LoginAsync(Registry.Host, ProfileId, ApiKey);
        Assert.That(login.Succeeded, $"{login}\n{Registry.Log}");
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("store"), $"{client} must have stored through the helper");
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { [Registry.Host] = ProfileId }));
        Assert.That(File.Exists(home.KeystoreFile()), "the keystore file should exist after a login");
        OwnerOnly.AssertTree(home.KeystoreFolder());
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME");
        AssertTheClientsConfigHoldsNoSecret(home, Registry.Host);

        // skopeo, with no credentials in the environment, pushes with what the client stored.
        await AssertSkopeoPushesAndInspects(home, $"{client}/login");

        // logout: erased, so the helper has nothing left for the registry.
        var logout = await loginClient.LogoutAsync(Registry.Host);
        Assert.That(logout.Succeeded, logout.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("erase"), $"{client} must have erased through the helper");
        HelperOutput.AssertNotFound(await helper.GetAsync(Registry.Host));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.Empty);

        // However the client called the helper, it passed the action alone and never the secret.
        var invocations = calls.Read();
        Assert.That(invocations.Select(call => call.Arguments.Count), Is.All.EqualTo(1), string.Join("\n", invocations));
        Assert.That(invocations.SelectMany(call => call.Arguments), Has.None.Contains(ApiKey));
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME after logout");
    }

    protected async Task AssertARejectedLoginStoresNothing()
    {
        using var home = HomeUsingTheHelper();
        using var calls = HelperInvocations.Install(home);
        var wrongKey = FakeCredentials.NewApiKey();

        var login = await Client(home).LoginAsync(Registry.Host, ProfileId, wrongKey);

        Assert.That(login.ExitCode, Is.Not.EqualTo(0), login.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Has.None.EqualTo("store"));
        Assert.That(HelperOutput.List(await new HelperCli(home).ListAsync()), Is.Empty);
        Assert.That(home.FilesContainingSecret(wrongKey), Is.Empty);
    }

    private TestHome HomeUsingTheHelper()
    {
        var home = HomeServingTheRegistry();
        NameTheHelperInTheClientsConfig(home, Registry.Host);
        return home;
    }
}
