using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// docker login and podman login with IBMTP_KEYSTORE=pass: the login lands in the password store,
/// skopeo pushes with it, and logout removes it.
/// </summary>
[TestFixture("docker")]
[TestFixture("podman")]
public sealed class PassLoginTests : RegistryFixture
{
    private readonly string _client;

    public PassLoginTests(string client)
        : base(client) => _client = client;

    [Test]
    public async Task Login_keeps_the_login_in_the_password_store_skopeo_uses_it_and_logout_removes_it()
    {
        using var home = HomeServingTheRegistry();
        using var store = await PassStore.CreateAsync(home);
        if (_client == "docker")
        {
            home.WriteDockerConfig(Registry.Host);
        }
        else
        {
            home.WriteContainersAuth(Registry.Host);
        }

        var client = LoginClients.For(_client, home);

        var login = await client.LoginAsync(Registry.Host, ProfileId, ApiKey);
        Assert.That(login.Succeeded, $"{login}\n{Registry.Log}");
        var shown = await store.PassAsync("show", $"{PassStore.EntriesFolder}/{Registry.Host}");
        Assert.That(shown.StandardOutput, Is.EqualTo($"{ApiKey}\nusername: {ProfileId}\n"), shown.ToString());
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME");

        await AssertSkopeoPushesAndInspects(home, $"{_client}/pass");

        var logout = await client.LogoutAsync(Registry.Host);
        Assert.That(logout.Succeeded, logout.ToString());
        Assert.That(store.Hosts(), Is.Empty);
        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync(Registry.Host));
    }
}
