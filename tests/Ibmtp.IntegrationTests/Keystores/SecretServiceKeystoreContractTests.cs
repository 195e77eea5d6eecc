using System.Text.RegularExpressions;
using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Testing.Keystores;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests.Keystores;

/// <summary>The keystore contract against a real GNOME Keyring in a private D-Bus session, its items seen by secret-tool.</summary>
[TestFixture]
public sealed partial class SecretServiceKeystoreContractTests : KeystoreContract
{
    private TestHome _home = null!;
    private SecretServiceSession _keyring = null!;

    [SetUp]
    public async Task StartKeyring()
    {
        _home = new TestHome();
        _keyring = await SecretServiceSession.StartAsync(_home);
    }

    [TearDown]
    public void StopKeyring()
    {
        _keyring?.Dispose();
        _home.Dispose();
    }

    protected override string? ParallelWritersForOneHostGap =>
        "issue 20 item 2: a save stores its item and then deletes the host's others, with no lock between writers, so parallel writers for one host can leave several items or none";

    protected override string? DamagedEntryGap =>
        "an item for the host that another program made without a username reads as a login with an empty username; refusing it would change behaviour";

    protected override IKeystore Open() => _home.OpenKeystore(KeystoreKind.SecretService);

    /// <summary>An item for the host made by another program, with no username.</summary>
    protected override void Damage(RegistryHost host)
    {
        Open().Remove(host);
        var made = ProcessRunner.RunAsync("secret-tool", ["store", "--label", "not ours", "application", "docker-credential-ibmtp", "server", host.ToString()],
            new ProcessOptions { Environment = _home.Environment, InheritEnvironment = false, StandardInput = "damaged-secret" }).GetAwaiter().GetResult();
        Assert.That(made.Succeeded, made.ToString());
    }

    protected override IEnumerable<string> EntriesAsKept()
    {
        var found = _keyring.SecretToolAsync("search", "--all", "application", "docker-credential-ibmtp").GetAwaiter().GetResult();
        return ServerAttribute().Matches(found.StandardOutput + found.StandardError).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^attribute\.server = (.+)$", RegexOptions.Multiline)]
    private static partial Regex ServerAttribute();
}
