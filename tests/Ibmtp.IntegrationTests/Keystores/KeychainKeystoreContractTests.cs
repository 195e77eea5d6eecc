using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Keystores.Keychain;
using Ibmtp.Testing.Keystores;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests.Keystores;

/// <summary>The keystore contract against the real macOS keychain, in a <see cref="ThrowawayKeychain"/>.</summary>
[TestFixture]
[Category("macOS")]
[NonParallelizable]
public sealed class KeychainKeystoreContractTests : KeystoreContract
{
    private ThrowawayKeychain _keychain = null!;
    private TestHome _home = null!;

    [OneTimeSetUp]
    public async Task UseAThrowawayKeychain()
    {
        _keychain = await ThrowawayKeychain.CreateAsync();
        _home = new TestHome();
    }

    [OneTimeTearDown]
    public async Task RestoreTheUsersKeychains()
    {
        _home.Dispose();
        await _keychain.DisposeAsync();
    }

    /// <summary>Each test starts with no item of ours: security deletes one matching item a call, and fails once none is left.</summary>
    [SetUp]
    public async Task DeleteEveryLogin()
    {
        while ((await ProcessRunner.RunAsync("/usr/bin/security", ["delete-generic-password", "-s", KeychainKeystore.Service, _keychain.Path])).Succeeded)
        {
        }
    }

    protected override IKeystore Open() => _home.OpenKeystore(KeystoreKind.Keychain);

    /// <summary>An item of our service for the host that another program made, with no username.</summary>
    protected override void Damage(RegistryHost host)
    {
        Open().Remove(host);
        ThrowawayKeychain.SecurityAsync("add-generic-password", "-s", KeychainKeystore.Service, "-a", host.ToString(), "-w", "damaged-secret", _keychain.Path).GetAwaiter().GetResult();
    }
}
