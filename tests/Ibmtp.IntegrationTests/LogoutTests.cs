using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Every client's logout works through the helper, with and without a login stored. Debian 12's
/// podman, buildah and skopeo crash (a Go stack overflow, exit 2) when a helper's erase answers
/// "not found", and their logout --all then fails: so the helper answers an erase of a served host
/// with nothing stored as a success.
/// </summary>
[TestFixture("docker")]
[TestFixture("podman")]
[TestFixture("buildah")]
[TestFixture("skopeo")]
public sealed class LogoutTests : RegistryFixture
{
    private readonly string _client;

    public LogoutTests(string client)
        : base(client) => _client = client;

    [Test]
    public async Task Logout_with_nothing_stored_succeeds()
    {
        using var home = HomeConfiguredByTheHelper();

        var logout = await Client(home).LogoutAsync(Registry.Host);

        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
    }

    [Test]
    public async Task Logout_after_a_login_erases_it()
    {
        using var home = HomeConfiguredByTheHelper();
        var client = Client(home);
        var login = await client.LoginAsync(Registry.Host, ProfileId, ApiKey);
        Assert.That(login.Succeeded, login.ToString());

        var logout = await client.LogoutAsync(Registry.Host);

        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync(Registry.Host));
    }

    private ILoginClient Client(TestHome home) => LoginClients.For(_client, home);
}
