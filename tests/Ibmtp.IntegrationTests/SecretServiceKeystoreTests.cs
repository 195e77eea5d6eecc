using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IBMTP_KEYSTORE=secretservice: logins live in the desktop keyring (GNOME Keyring here, in a private
/// D-Bus session), where <c>secret-tool</c> finds them, and docker, podman and buildah log in through it.
/// </summary>
[TestFixture]
public sealed class SecretServiceKeystoreTests() : RegistryFixture("skopeo", "docker", "podman", "buildah")
{
    private const string OurItems = "docker-credential-ibmtp";

    /// <summary>Chooses the keyring for <paramref name="home"/> and starts it, with the log at debug level so secrets would show there.</summary>
    private static Task<SecretServiceSession> StartKeyringAsync(TestHome home)
    {
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        return SecretServiceSession.StartAsync(home);
    }

    [TestCase("docker")]
    [TestCase("podman")]
    [TestCase("buildah")]
    public async Task A_login_is_kept_in_the_keyring_where_secret_tool_finds_it_and_logout_removes_it(string client)
    {
        using var home = HomeConfiguredByTheHelper();
        using var session = await StartKeyringAsync(home);
        var loginClient = LoginClients.For(client, home);

        var login = await loginClient.LoginAsync(Registry.Host, ProfileId, ApiKey);

        Assert.That(login.Succeeded, $"{login}\n{Registry.Log}");
        var found = await session.SecretToolAsync("search", "server", Registry.Host);
        var item = found.StandardOutput + found.StandardError;
        Assert.That(item, Does.Contain($"label = docker-credential-ibmtp: {Registry.Host}"));
        Assert.That(item, Does.Contain($"attribute.application = {OurItems}"));
        Assert.That(item, Does.Contain($"attribute.username = {ProfileId}"));
        Assert.That(item, Does.Contain($"secret = {ApiKey}"));
        Assert.That(File.Exists(home.KeystoreFile()), Is.False, "the encrypted file must not be written when the keyring is chosen");
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty);
        await AssertSkopeoPushesAndInspects(home, $"{client}/keyring");

        var logout = await loginClient.LogoutAsync(Registry.Host);

        Assert.That(logout.Succeeded, logout.ToString());
        var after = await session.SecretToolAsync("search", "server", Registry.Host);
        Assert.That(after.StandardOutput + after.StandardError, Does.Not.Contain("attribute.server"));
        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync(Registry.Host));
        Assert.That(home.ReadLog(), Does.Not.Contain(ApiKey));
    }

    [Test]
    public async Task Store_get_list_and_erase_round_trip_and_a_second_erase_answers_not_found()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();

        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "Profile-us", secret));
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("de.icr.io", "Profile-de", FakeCredentials.NewApiKey()));

        Assert.That(HelperOutput.Credentials(await helper.GetAsync("us.icr.io")), Is.EqualTo(("us.icr.io", "Profile-us", secret)));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-us", ["de.icr.io"] = "Profile-de" }));
        HelperOutput.AssertSilentSuccess(await helper.EraseAsync("us.icr.io"));
        HelperOutput.AssertNotFound(await helper.EraseAsync("us.icr.io"));
        HelperOutput.AssertNotFound(await helper.GetAsync("us.icr.io"));
        Assert.That(HelperOutput.List(await helper.ListAsync()).Keys, Is.EquivalentTo(new[] { "de.icr.io" }));
        Assert.That(home.ReadLog(), Does.Not.Contain(secret));
    }

    [Test]
    public async Task Doctor_names_the_keyring_and_says_when_it_is_locked()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "Profile-us", FakeCredentials.NewApiKey()));

        var unlocked = await helper.RunWithArgumentsAsync("doctor", "us.icr.io");
        Assert.That((await session.LockKeyringAsync()).Succeeded);
        var locked = await helper.RunWithArgumentsAsync("doctor", "us.icr.io");

        Assert.That(unlocked.Succeeded, unlocked.ToString());
        Assert.That(unlocked.StandardOutput, Does.Contain("  keystore:").And.Contain("secretservice (from IBMTP_KEYSTORE): Secret Service, keyring 'Login' (unlocked), 1 login(s)"));
        Assert.That(locked.ExitCode, Is.EqualTo(1), locked.ToString());
        Assert.That(locked.StandardOutput, Does.Contain("! keystore:").And.Contain("secretservice (from IBMTP_KEYSTORE): the Secret Service keyring 'Login' is locked: unlock it"));
    }

    [Test]
    public async Task List_shows_only_our_items_and_get_ignores_another_applications_item_for_the_same_server()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        var other = await ProcessRunner.RunAsync("secret-tool", ["store", "--label", "someone else's", "server", "us.icr.io", "username", "someone"],
            new ProcessOptions { Environment = home.Environment, InheritEnvironment = false, StandardInput = "not ours" });
        Assert.That(other.Succeeded, other.ToString());

        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("de.icr.io", "Profile-de", FakeCredentials.NewApiKey()));

        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { ["de.icr.io"] = "Profile-de" }));
        HelperOutput.AssertNotFound(await helper.GetAsync("us.icr.io"));
        HelperOutput.AssertNotFound(await helper.EraseAsync("us.icr.io"));
        var stillThere = await session.SecretToolAsync("lookup", "server", "us.icr.io", "username", "someone");
        Assert.That(stillThere.StandardOutput, Is.EqualTo("not ours"));
    }

    [Test]
    public async Task Bad_input_changes_nothing_in_the_keyring()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "Profile-us", secret));

        foreach (var input in new[] { "", "{", """{"ServerURL":"us.icr.io","Username":"Profile-other"}""", """{"ServerURL":"docker.io","Username":"u","Secret":"s"}""" })
            HelperOutput.AssertOneLineFailure(await helper.RunAsync("store", input));
        HelperOutput.AssertOneLineFailure(await helper.RunAsync("erase", ""));

        Assert.That(HelperOutput.Credentials(await helper.GetAsync("us.icr.io")), Is.EqualTo(("us.icr.io", "Profile-us", secret)));
        Assert.That(HelperOutput.List(await helper.ListAsync()).Keys, Is.EquivalentTo(new[] { "us.icr.io" }));
    }

    [Test]
    public async Task Twenty_concurrent_stores_for_twenty_hosts_leave_twenty_items()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        var logins = Enumerable.Range(1, 20).ToDictionary(index => $"r{index}.icr.io", index => (Username: $"user-{index}", Secret: FakeCredentials.NewApiKey()));

        var stores = await Task.WhenAll(logins.Select(login => helper.StoreAsync(login.Key, login.Value.Username, login.Value.Secret)));

        Assert.Multiple(() =>
        {
            foreach (var store in stores)
                HelperOutput.AssertSilentSuccess(store);
        });
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(logins.ToDictionary(login => login.Key, login => login.Value.Username)));
        var gets = await Task.WhenAll(logins.Keys.Select(helper.GetAsync));
        Assert.That(gets.Select(HelperOutput.Credentials), Is.EquivalentTo(logins.Select(login => (login.Key, login.Value.Username, login.Value.Secret))));
        var items = await session.SecretToolAsync("search", "--all", "application", OurItems);
        Assert.That((items.StandardOutput + items.StandardError).Split('\n').Count(line => line.StartsWith("attribute.server = ", StringComparison.Ordinal)), Is.EqualTo(20));
    }

    [Test]
    public async Task A_locked_keyring_is_reported_with_how_to_unlock_it_and_nothing_changes()
    {
        using var home = new TestHome();
        using var session = await StartKeyringAsync(home);
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "Profile-us", secret));
        var locked = await session.LockKeyringAsync();
        Assert.That(locked.Succeeded, locked.ToString());

        var store = await helper.StoreAsync("de.icr.io", "Profile-de", FakeCredentials.NewApiKey());
        var get = await helper.GetAsync("us.icr.io");
        var erase = await helper.EraseAsync("us.icr.io");

        Assert.That(HelperOutput.AssertOneLineFailure(store), Does.StartWith("the Secret Service keyring 'Login' is locked: unlock it"));
        Assert.That(HelperOutput.AssertOneLineFailure(get), Does.Contain("is locked: unlock it"));
        Assert.That(HelperOutput.AssertOneLineFailure(erase), Does.Contain("is locked: unlock it"));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-us" }));
    }

    [Test]
    public async Task A_session_bus_without_a_secret_service_is_one_line_that_names_the_fix()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";

        // A session bus that can start no service, as on a server where no keyring is installed.
        var get = await GetOverPrivateBusAsync(home, """<allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/>""");

        Assert.That(get.ExitCode, Is.EqualTo(1), get.ToString());
        Assert.That(get.StandardOutput, Is.EqualTo("the Secret Service failed (The name org.freedesktop.secrets was not provided by any .service files): start a keyring (gnome-keyring-daemon, or KeePassXC with its Secret Service integration), or set IBMTP_KEYSTORE=pass or file\n"));
    }

    [Test]
    public async Task A_session_bus_that_never_answers_holds_get_no_longer_than_the_timeout()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";
        home.Environment["IBMTP_TIMEOUT"] = "2";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // A bus whose policy lets no reply reach the helper: every call waits for an answer that never comes.
        var get = await GetOverPrivateBusAsync(home, """<allow send_destination="*"/><allow own="*"/>""");

        Assert.That(get.ExitCode, Is.EqualTo(1), get.ToString());
        Assert.That(get.StandardOutput, Does.StartWith("the Secret Service failed (the session bus did not answer within 2 s)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    /// <summary>Runs <c>get</c> under <c>dbus-run-session</c> with a session bus of the given policy and no services to start.</summary>
    private static Task<ProcessResult> GetOverPrivateBusAsync(TestHome home, string policy)
    {
        var config = Path.Combine(home.Subdirectory("dbus"), "session.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:tmpdir=/tmp</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">{policy}</policy>
            </busconfig>
            """);
        return ProcessRunner.RunAsync(Peers.Require("dbus-run-session"), [$"--config-file={config}", "--", HelperBinary.Path, "get"],
            new ProcessOptions { Environment = home.Environment, InheritEnvironment = false, StandardInput = "us.icr.io" });
    }

    [Test]
    public async Task Without_a_session_bus_each_call_is_one_line_that_names_pass_and_file_and_nothing_is_written()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        const string Message = "the secretservice keystore needs a D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is not set): on a headless machine set IBMTP_KEYSTORE=pass or file";

        HelperOutput.AssertFailure(await helper.StoreAsync("us.icr.io", "Profile-us", secret), Message);
        HelperOutput.AssertFailure(await helper.GetAsync("us.icr.io"), Message);
        HelperOutput.AssertFailure(await helper.ListAsync(), Message);

        Assert.That(File.Exists(home.KeystoreFile()), Is.False, "never fall back to the file");
        Assert.That(home.FilesContainingSecret(secret), Is.Empty);
    }
}
