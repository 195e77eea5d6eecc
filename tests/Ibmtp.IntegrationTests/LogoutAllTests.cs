using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `logout --all` of podman, buildah and skopeo erases through the helper with and without a login
/// stored, and empties the credHelpers map of the file it writes; `configure` puts it back.
/// </summary>
[TestFixture("podman")]
[TestFixture("buildah")]
[TestFixture("skopeo")]
public sealed class LogoutAllTests : RegistryFixture
{
    private readonly string _client;

    public LogoutAllTests(string client)
        : base(client) => _client = client;

    [TestCase(false)]
    [TestCase(true)]
    public async Task Logout_all_succeeds_empties_the_cred_helpers_map_and_configure_restores_it(bool loggedIn)
    {
        using var home = HomeConfiguredByTheHelper();
        var client = LoginClients.For(_client, home);
        if (loggedIn)
            Assert.That((await client.LoginAsync(Registry.Host, ProfileId, ApiKey)).Succeeded);

        var logout = await ((ILogoutAllClient)client).LogoutAllAsync();

        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync(Registry.Host));
        Assert.That(CredHelpers(home.ContainersAuthFile), Is.Empty, "logout --all empties the map of the file it writes");
        var configure = await new HelperCli(home).RunWithArgumentsAsync("configure", "--containers", "--registries", Registry.Host);
        Assert.That(configure.Succeeded, configure.ToString());
        Assert.That(CredHelpers(home.ContainersAuthFile), Does.ContainKey(Registry.Host));
    }

    private static IReadOnlyDictionary<string, JsonNode?> CredHelpers(string file) =>
        JsonNode.Parse(File.ReadAllText(file))?["credHelpers"]?.AsObject().ToDictionary(entry => entry.Key, entry => entry.Value) ?? [];
}
