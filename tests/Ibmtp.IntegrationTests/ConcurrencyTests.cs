using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Many helper processes updating the keystore at once, as parallel CI logins do: none may lose another's entry.</summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    private const int Hosts = 20;

    [Test]
    public async Task Twenty_concurrent_stores_for_twenty_hosts_leave_twenty_entries()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        var logins = Enumerable.Range(1, Hosts)
            .ToDictionary(index => $"r{index}.icr.io", index => (Username: $"user-{index}", Secret: FakeCredentials.NewApiKey()));

        var stores = await Task.WhenAll(logins.Select(login => helper.StoreAsync(login.Key, login.Value.Username, login.Value.Secret)));

        Assert.Multiple(() =>
        {
            foreach (var store in stores)
            {
                HelperOutput.AssertSilentSuccess(store);
            }
        });
        var list = HelperOutput.List(await helper.ListAsync());
        Assert.That(list, Is.EquivalentTo(logins.ToDictionary(login => login.Key, login => login.Value.Username)));
        var gets = await Task.WhenAll(logins.Keys.Select(helper.GetAsync));
        Assert.That(
            gets.Select(HelperOutput.Credentials),
            Is.EquivalentTo(logins.Select(login => (login.Key, login.Value.Username, login.Value.Secret))));
        Assert.That(Directory.GetFiles(home.KeystoreFolder(), "*.tmp"), Is.Empty, "temporary files left behind");
        OwnerOnly.AssertTree(home.KeystoreFolder());
    }

    [Test]
    public async Task Concurrent_erases_and_stores_keep_every_other_entry()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        var original = Enumerable.Range(1, Hosts).Select(index => $"r{index}.icr.io").ToList();
        foreach (var batch in original.Chunk(5))
        {
            var stored = await Task.WhenAll(batch.Select(host => helper.StoreAsync(host, "first", FakeCredentials.NewApiKey())));
            Assert.That(stored.Select(store => store.ExitCode), Is.All.EqualTo(0));
        }

        var erased = original.Take(Hosts / 2).ToList();
        var added = Enumerable.Range(1, Hosts / 2).Select(index => $"s{index}.icr.io").ToList();
        var results = await Task.WhenAll(
            erased.Select(helper.EraseAsync).Concat(added.Select(host => helper.StoreAsync(host, "second", FakeCredentials.NewApiKey()))));

        Assert.Multiple(() =>
        {
            foreach (var result in results)
            {
                HelperOutput.AssertSilentSuccess(result);
            }
        });
        var expected = original.Skip(Hosts / 2).ToDictionary(host => host, _ => "first");
        foreach (var host in added)
        {
            expected[host] = "second";
        }

        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(expected));
    }
}
