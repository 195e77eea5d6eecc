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

    protected override IKeystore Open() => _home.OpenKeystore(KeystoreKind.SecretService);

    /// <summary>An item for the host made by another program, with no username.</summary>
    protected override void Damage(RegistryHost host)
    {
        Open().Remove(host);
        var made = ProcessRunner.RunAsync("secret-tool", ["store", "--label", "not ours", "application", "docker-credential-ibmtp", "server", host.ToString()],
            new ProcessOptions { Environment = _home.Environment, InheritEnvironment = false, StandardInput = "damaged-secret" }).GetAwaiter().GetResult();
        Assert.That(made.Succeeded, made.ToString());
    }

    /// <summary>
    /// A save keeps its item and then deletes the host's older ones, so a search made meanwhile finds an
    /// item that is gone by the time it is read; that once failed the find, blaming the keyring.
    /// </summary>
    [Test]
    public void A_find_while_other_helpers_save_the_host_answers_a_whole_login_and_never_fails()
    {
        var host = RegistryHost.TryParse("us.icr.io", out var parsed) ? parsed : throw new InvalidOperationException();
        var written = Enumerable.Range(0, 13).Select(index => new StoredLogin($"user-{index}", new Ibmtp.Secrets.Secret($"secret-{index}"))).ToList();
        Open().Save(host, written[0]);
        var failures = new List<string>();
        var found = new List<StoredLogin?>();
        var writers = written.Skip(1).Select(login => new Thread(() => Record(() => Open().Save(host, login)))).ToList();
        var readers = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            while (writers.Any(writer => writer.IsAlive))
                Record(() => { var login = Open().Find(host); lock (found) found.Add(login); });
        })).ToList();

        writers.ForEach(thread => thread.Start());
        readers.ForEach(thread => thread.Start());
        writers.Concat(readers).ToList().ForEach(thread => thread.Join());

        Assert.That(failures, Is.Empty);
        Assert.That(found, Is.Not.Empty);
        Assert.That(written, Is.SupersetOf(found.Distinct()), "each find answers one whole login of those written");

        void Record(Action call)
        {
            try
            {
                call();
            }
            catch (Exception failure)
            {
                lock (failures)
                    failures.Add(failure.Message);
            }
        }
    }

    protected override IEnumerable<string> EntriesAsKept()
    {
        var found = _keyring.SecretToolAsync("search", "--all", "application", "docker-credential-ibmtp").GetAwaiter().GetResult();
        return ServerAttribute().Matches(found.StandardOutput + found.StandardError).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^attribute\.server = (.+)$", RegexOptions.Multiline)]
    private static partial Regex ServerAttribute();
}
