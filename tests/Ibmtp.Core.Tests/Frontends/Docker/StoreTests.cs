using System.Text.Json;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

[TestFixture]
public class StoreTests : TempHomeFixture
{
    [Test]
    public void Store_saves_the_login_and_prints_nothing()
    {
        var result = HelperRun.Store(Home, "us.icr.io", "Profile-1", "secret-1");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr, Is.Empty);
        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"us.icr.io":"Profile-1"}""" + "\n"));
    }

    [TestCase("https://US.icr.io/")]
    [TestCase("us.icr.io:443")]
    public void Store_keeps_one_entry_per_registry_whatever_form_the_client_sends(string serverUrl)
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, serverUrl, "Profile-1", "secret-1"));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"us.icr.io":"Profile-1"}""" + "\n"));
        Assert.That(HelperRun.Run(Home, "get", "us.icr.io").ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void Store_replaces_an_earlier_login_for_the_same_host()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-old", "secret-old"));
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-new", "secret-new"));

        Assert.That(HelperRun.Run(Home, "get", "us.icr.io").Stdout, Does.Contain("\"Username\":\"Profile-new\",\"Secret\":\"secret-new\""));
    }

    [Test]
    public void Store_reads_field_names_in_any_case_as_the_go_clients_do()
    {
        HelperAssert.Succeeds(HelperRun.Run(Home, "store", """{"serverurl":"us.icr.io","username":"Profile-1","secret":"secret-1"}"""));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"us.icr.io":"Profile-1"}""" + "\n"));
    }

    [Test]
    public void A_secret_with_json_special_characters_comes_back_unchanged()
    {
        const string secret = "p@ss\"w0rd\\+<&>'é✓";
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["ServerURL"] = "us.icr.io", ["Username"] = "Profile-1", ["Secret"] = secret });
        HelperAssert.Succeeds(HelperRun.Run(Home, "store", json));

        using var answer = JsonDocument.Parse(HelperRun.Run(Home, "get", "us.icr.io").Stdout);

        Assert.That(answer.RootElement.GetProperty("Secret").GetString(), Is.EqualTo(secret));
    }

    [Test]
    public async Task Twenty_concurrent_stores_for_twenty_hosts_all_succeed_and_leave_twenty_entries()
    {
        var hosts = Enumerable.Range(1, 20).Select(n => $"region{n}.icr.io").ToList();

        var results = await Task.WhenAll(hosts.Select(host => Task.Run(() => HelperRun.Store(Home, host, $"Profile-{host}", $"secret-{host}"))));

        Assert.That(results.Select(result => result.ExitCode), Is.All.EqualTo(0));
        using var listed = JsonDocument.Parse(HelperRun.Run(Home, "list").Stdout);
        Assert.That(listed.RootElement.EnumerateObject().Select(entry => entry.Name), Is.EquivalentTo(hosts));
    }

    [TestCase("docker.io")]
    [TestCase("icr.io.evil.example")]
    public void Store_for_a_host_not_served_fails_saying_the_helper_serves_only_ICR_hosts_through_credHelpers(string serverUrl)
    {
        var result = HelperRun.Store(Home, serverUrl, "user", "secret-1");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("serves only IBM Cloud Container Registry hosts").And.Contain("credHelpers"));
        Assert.That(Home.KeystoreFile, Does.Not.Exist);
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Store_without_a_server_url_answers_no_credentials_server_URL(string serverUrl)
    {
        HelperAssert.FailsWith(HelperRun.Store(Home, serverUrl, "Profile-1", "secret-1"), "no credentials server URL");
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Store_without_a_username_answers_no_credentials_username(string username)
    {
        HelperAssert.FailsWith(HelperRun.Store(Home, "us.icr.io", username, "secret-1"), "no credentials username");
    }
}
