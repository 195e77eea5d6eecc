using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using NUnit.Framework;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Testing.Keystores;

/// <summary>
/// What every keystore must do, run against the real store as the helper opens it. A store's tests
/// derive from this, give each test an empty store, and say how one of its entries is damaged; every
/// case below then runs against that store. A store that passes works with every command, and with
/// <c>keystore migrate</c> in and out.
/// </summary>
public abstract class KeystoreContract
{
    private static readonly RegistryHost Us = Host("us.icr.io");
    private static readonly RegistryHost De = Host("de.icr.io");
    private static readonly RegistryHost Local = Host("localhost:5000");

    /// <summary>The store under test, opened anew on the same logins, as each helper process opens it; empty when a test starts.</summary>
    protected abstract IKeystore Open();

    /// <summary>
    /// Damages the saved entry for <paramref name="host"/> as this store's entries get damaged: edited
    /// by hand, sealed with another key, made by another program.
    /// </summary>
    protected abstract void Damage(RegistryHost host);

    /// <summary>
    /// The host of each entry the store keeps, seen by the store's own tool where it has one (an entry
    /// the API would hide, a second item for a host, shows there), else through the store itself.
    /// </summary>
    protected virtual IEnumerable<string> EntriesAsKept() => Open().Usernames().Keys;

    /// <summary>How many writers race in the parallel cases: as many as a CI job's parallel logins.</summary>
    protected virtual int ParallelWriters => 12;

    private static StoredLogin Login(string username, string secret) => new(username, new Secret(secret));

    [Test]
    public void A_saved_login_reads_back_whole_through_another_opening_of_the_store()
    {
        Open().Save(Us, Login("Profile-us", "secret-us-1"));

        Assert.That(Open().Find(Us), Is.EqualTo(Login("Profile-us", "secret-us-1")));
    }

    [Test]
    public void A_host_with_no_login_is_found_as_nothing_listed_as_nothing_and_its_removal_answers_false()
    {
        var keystore = Open();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keystore.Find(Us), Is.Null);
            Assert.That(keystore.Usernames(), Is.Empty);
            Assert.That(keystore.Remove(Us), Is.False);
        }
    }

    [Test]
    public void Usernames_lists_every_saved_host_with_its_username()
    {
        var keystore = Open();
        keystore.Save(Us, Login("Profile-us", "secret-us-1"));
        keystore.Save(De, Login("iamapikey", "secret-de-1"));
        keystore.Save(Local, Login("user", "secret-local-1"));

        Assert.That(Open().Usernames(), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["us.icr.io"] = "Profile-us",
            ["de.icr.io"] = "iamapikey",
            ["localhost:5000"] = "user",
        }));
    }

    [Test]
    public void Remove_deletes_that_hosts_login_only_and_answers_whether_there_was_one()
    {
        var keystore = Open();
        keystore.Save(Us, Login("Profile-us", "secret-us-1"));
        keystore.Save(De, Login("Profile-de", "secret-de-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keystore.Remove(Us), Is.True);
            Assert.That(keystore.Remove(Us), Is.False);
            Assert.That(Open().Find(Us), Is.Null);
            Assert.That(Open().Find(De), Is.EqualTo(Login("Profile-de", "secret-de-1")));
            Assert.That(EntriesAsKept(), Is.EquivalentTo(new[] { "de.icr.io" }));
        }
    }

    [Test]
    public void A_new_login_for_a_host_replaces_the_old_one_even_with_another_username()
    {
        var keystore = Open();
        keystore.Save(Us, Login("Profile-1", "secret-us-1"));
        keystore.Save(De, Login("Profile-de", "secret-de-1"));

        keystore.Save(Us, Login("Profile-2", "secret-us-2"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Open().Find(Us), Is.EqualTo(Login("Profile-2", "secret-us-2")));
            Assert.That(Open().Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-2", ["de.icr.io"] = "Profile-de" }));
            Assert.That(EntriesAsKept(), Is.EquivalentTo(new[] { "us.icr.io", "de.icr.io" }), "one entry per host");
        }
    }

    [Test]
    public void A_token_of_kilobytes_and_characters_beyond_ASCII_read_back_unchanged()
    {
        // IAM's tokens are JWTs of a few kilobytes; a person's username may be anything.
        var token = "eyJhbGciOiJSUzI1NiJ9." + string.Concat(Enumerable.Repeat("aGVsbG8td29ybGQ_-", 200)) + ".c2lnbmF0dXJl";
        var login = Login("Zoë Ölund-Ærø 東京", token + "~!@#$%^&*()[]{}<>'\"\\| €");

        Open().Save(Us, login);

        Assert.That(Open().Find(Us), Is.EqualTo(login));
    }

    [Test]
    public void Parallel_writers_for_one_host_leave_exactly_one_whole_login_and_a_later_save_replaces_it()
    {
        // Which writer comes last is the lock's to decide; what must hold is one login, whole, of those written.
        var written = Enumerable.Range(1, ParallelWriters).Select(index => Login($"user-{index}", $"secret-{index}")).ToList();

        InParallel(written.Count, index => Open().Save(Us, written[index]));

        var kept = Open().Find(Us);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(written, Does.Contain(kept), "one whole login, as one writer wrote it");
            Assert.That(Open().Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = kept?.Username ?? "(none)" }));
            Assert.That(EntriesAsKept(), Is.EqualTo(new[] { "us.icr.io" }), "exactly one entry");
        }

        Open().Save(Us, Login("user-last", "secret-last"));

        Assert.That(Open().Find(Us), Is.EqualTo(Login("user-last", "secret-last")));
        Assert.That(EntriesAsKept(), Is.EqualTo(new[] { "us.icr.io" }), "exactly one entry");
    }

    [Test]
    public void Parallel_writers_for_different_hosts_keep_every_login()
    {
        var logins = Enumerable.Range(1, ParallelWriters).ToDictionary(index => Host($"r{index}.icr.io"), index => Login($"user-{index}", $"secret-{index}"));
        var hosts = logins.Keys.ToList();

        InParallel(hosts.Count, index => Open().Save(hosts[index], logins[hosts[index]]));

        var keystore = Open();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keystore.Usernames(), Is.EquivalentTo(logins.ToDictionary(login => login.Key.ToString(), login => login.Value.Username)));
            Assert.That(hosts.Select(keystore.Find), Is.EqualTo(logins.Values));
            Assert.That(EntriesAsKept(), Is.EquivalentTo(hosts.Select(host => host.ToString())), "one entry per host");
        }
    }

    [Test]
    public void A_damaged_entry_is_reported_on_one_line_that_names_no_secret_and_never_read_as_a_login()
    {
        const string secret = "secret-us-0d3f9a7c2b";
        Open().Save(Us, Login("Profile-us", secret));
        Damage(Us);
        var keystore = Open();

        var error = Assert.Catch<HelperException>(() => keystore.Find(Us));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Not.Contain("\n").And.Not.Contain(secret));
            Assert.That(error.Message, Does.Contain("us.icr.io").Or.Contain("keystore"), "it names what is damaged");
            Assert.That(() => ListingMayRefuse(keystore), Throws.Nothing, "listing fails the same way, or leaves it out, and fails no other way");
        }
    }

    [Test]
    public void Migrating_in_moves_every_login_whole_and_empties_the_source()
    {
        var source = new InMemoryKeystore();
        source.Save(Us, Login("Profile-us", "secret-us-1"));
        source.Save(Local, Login("user", "secret-local-1"));

        var moved = KeystoreMigration.Move(source, Open(), _ => { });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(moved, Is.EquivalentTo(new[] { Us, Local }));
            Assert.That(source.Logins, Is.Empty);
            Assert.That(Open().Find(Us), Is.EqualTo(Login("Profile-us", "secret-us-1")));
            Assert.That(Open().Find(Local), Is.EqualTo(Login("user", "secret-local-1")));
        }
    }

    [Test]
    public void Migrating_out_moves_every_login_whole_and_empties_the_store()
    {
        Open().Save(Us, Login("Profile-us", "secret-us-1"));
        Open().Save(Local, Login("user", "secret-local-1"));
        var target = new InMemoryKeystore();

        KeystoreMigration.Move(Open(), target, _ => { });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.Logins, Is.EquivalentTo(new Dictionary<string, StoredLogin>
            {
                ["us.icr.io"] = Login("Profile-us", "secret-us-1"),
                ["localhost:5000"] = Login("user", "secret-local-1"),
            }));
            Assert.That(Open().Usernames(), Is.Empty);
            Assert.That(EntriesAsKept(), Is.Empty);
        }
    }

    private static void ListingMayRefuse(IKeystore keystore)
    {
        try
        {
            keystore.Usernames();
        }
        catch (HelperException)
        {
            // Refused with a message that says what to do, as a find is.
        }
    }

    /// <summary>Runs <paramref name="count"/> writers on threads of their own, started together, as parallel logins start helpers.</summary>
    private static void InParallel(int count, Action<int> write)
    {
        using var start = new Barrier(count);
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, count).Select(index => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                write(index);
            }
            catch (Exception failure)
            {
                lock (failures)
                    failures.Add(failure);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.That(failures, Is.Empty, "every writer succeeds");
    }
}
