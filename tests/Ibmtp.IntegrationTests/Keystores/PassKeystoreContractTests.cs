using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Testing.Keystores;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests.Keystores;

/// <summary>The keystore contract against a real password store kept in git, encrypted for a throwaway GnuPG key, its entries seen as pass sees them.</summary>
[TestFixture]
public sealed class PassKeystoreContractTests : KeystoreContract
{
    private TestHome _home = null!;
    private PassStore _store = null!;

    [SetUp]
    public async Task CreateStore()
    {
        _home = new TestHome();
        _store = await PassStore.CreateAsync(_home, git: true);
    }

    [TearDown]
    public void DeleteStore()
    {
        _store?.Dispose();
        _home.Dispose();
    }

    protected override IKeystore Open() => _home.OpenKeystore(KeystoreKind.Pass);

    /// <summary>An entry file no longer encrypted for any key: edited by hand, or cut short.</summary>
    protected override void Damage(RegistryHost host) => File.WriteAllText(_store.EntryFile(host.ToString()), "not an OpenPGP message\n");

    protected override IEnumerable<string> EntriesAsKept() => _store.Hosts();
}
