using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Testing.Keystores;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores;

[TestFixture]
public class KeystoreMigrationTests
{
    private InMemoryKeystore _source = null!;
    private InMemoryKeystore _target = null!;

    [SetUp]
    public void SetUp()
    {
        _source = new InMemoryKeystore();
        _target = new InMemoryKeystore();
        foreach (var host in new[] { "us.icr.io", "de.icr.io", "jp.icr.io" })
            _source.Save(Host(host), new StoredLogin($"Profile-{host}", new Secret($"secret-{host}")));
    }

    [Test]
    public void Every_login_moves_with_its_username_and_secret_and_the_source_is_emptied()
    {
        var copied = new List<RegistryHost>();

        var moved = KeystoreMigration.Move(_source, _target, copied.Add);

        Assert.That(moved.Select(host => host.ToString()), Is.EqualTo(new[] { "de.icr.io", "jp.icr.io", "us.icr.io" }));
        Assert.That(copied, Is.EqualTo(moved));
        Assert.That(_source.Logins, Is.Empty);
        Assert.That(_target.Logins.ToDictionary(entry => entry.Key, entry => (entry.Value.Username, entry.Value.Secret.Value)), Is.EquivalentTo(new Dictionary<string, (string, string)>
        {
            ["us.icr.io"] = ("Profile-us.icr.io", "secret-us.icr.io"),
            ["de.icr.io"] = ("Profile-de.icr.io", "secret-de.icr.io"),
            ["jp.icr.io"] = ("Profile-jp.icr.io", "secret-jp.icr.io"),
        }));
    }

    [Test]
    public void A_save_that_fails_half_way_leaves_the_source_complete()
    {
        _target.BeforeSave = host =>
        {
            if (host.ToString() == "jp.icr.io")
                throw new HelperException("the store is full");
        };

        Assert.Throws<HelperException>(() => KeystoreMigration.Move(_source, _target, _ => { }));

        Assert.That(_source.Logins.Keys, Is.EquivalentTo(new[] { "us.icr.io", "de.icr.io", "jp.icr.io" }));
    }

    [Test]
    public void A_login_that_reads_back_differently_stops_the_move_before_the_source_loses_anything()
    {
        _target.OnFind = (host, login) => login is null ? null : login with { Secret = new Secret("mangled") };

        var error = Assert.Throws<HelperException>(() => KeystoreMigration.Move(_source, _target, _ => { }))!;

        Assert.That(error.Message, Is.EqualTo("the login for de.icr.io did not read back the same from the new keystore; nothing was removed from the old one"));
        Assert.That(_source.Logins, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_source_that_cannot_be_read_stops_the_move_before_anything_is_written()
    {
        _source.OnFind = (host, login) => host.ToString() == "us.icr.io" ? throw new HelperException("cannot decrypt") : login;

        Assert.Throws<HelperException>(() => KeystoreMigration.Move(_source, _target, _ => { }));

        Assert.That(_target.Logins, Is.Empty);
        Assert.That(_source.Logins, Has.Count.EqualTo(3));
    }

    [Test]
    public void An_empty_source_moves_nothing()
    {
        _source.Logins.Clear();

        Assert.That(KeystoreMigration.Move(_source, _target, _ => { }), Is.Empty);
        Assert.That(_target.Logins, Is.Empty);
    }
}
