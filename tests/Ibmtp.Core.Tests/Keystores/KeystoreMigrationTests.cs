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
    public void A_login_saved_in_the_source_while_the_move_runs_stays_there_and_the_move_says_to_run_it_again()
    {
        var newer = new StoredLogin("Profile-new", new Secret("secret-newer"));
        _target.BeforeSave = host =>
        {
            if (host.ToString() == "us.icr.io")
                _source.Logins["de.icr.io"] = newer;
        };

        var error = Assert.Throws<HelperException>(() => KeystoreMigration.Move(_source, _target, _ => { }))!;

        Assert.That(error.Message, Is.EqualTo("the login for de.icr.io changed in the old keystore during the move, so it was left there and the new keystore has it as it was before: run the migration again to move it as it is now"));
        Assert.That(_source.Logins, Is.EqualTo(new Dictionary<string, StoredLogin> { ["de.icr.io"] = newer }));
        Assert.That(_target.Logins.Keys, Is.EquivalentTo(new[] { "us.icr.io", "de.icr.io", "jp.icr.io" }));
    }

    [Test]
    public void A_login_removed_from_the_source_while_the_move_runs_is_reported_and_nothing_else_is_kept()
    {
        _target.BeforeSave = host =>
        {
            if (host.ToString() == "us.icr.io")
                _source.Logins.Remove("jp.icr.io");
        };

        var error = Assert.Throws<HelperException>(() => KeystoreMigration.Move(_source, _target, _ => { }))!;

        Assert.That(error.Message, Does.StartWith("the login for jp.icr.io changed in the old keystore during the move"));
        Assert.That(_source.Logins, Is.Empty);
    }

    [Test]
    public void Each_login_leaves_the_source_while_the_stores_writes_are_held()
    {
        var heldAtRemoval = new List<bool>();
        _source.BeforeRemove = (_, held) => heldAtRemoval.Add(held);

        KeystoreMigration.Move(_source, _target, _ => { });

        Assert.That(heldAtRemoval, Is.EqualTo(new[] { true, true, true }));
    }

    [Test]
    public void An_empty_source_moves_nothing()
    {
        _source.Logins.Clear();

        Assert.That(KeystoreMigration.Move(_source, _target, _ => { }), Is.Empty);
        Assert.That(_target.Logins, Is.Empty);
    }
}
