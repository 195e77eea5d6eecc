using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IBMTP_KEYSTORE=keychain against the real macOS keychain, in a <see cref="ThrowawayKeychain"/>.
/// Linux runs filter this category out (tests/run.sh).
/// </summary>
[TestFixture]
[Category("macOS")]
[NonParallelizable]
public sealed class KeychainTests
{
    private const string Service = "docker-credential-ibmtp";
    private ThrowawayKeychain _keychain = null!;

    [OneTimeSetUp]
    public async Task UseAThrowawayKeychain() => _keychain = await ThrowawayKeychain.CreateAsync();

    [OneTimeTearDown]
    public async Task RestoreTheUsersKeychains() => await _keychain.DisposeAsync();

    [Test]
    public async Task Store_get_list_erase_round_trip_through_the_keychain()
    {
        using var home = KeychainHome();
        var helper = new HelperCli(home);
        const string secret = "keychain-secret-6f0d2a9e41b7";

        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("https://us.icr.io", "iamapikey", secret));

        using (Assert.EnterMultipleScope())
        {
            var (_, username, read) = HelperOutput.Credentials(await helper.GetAsync("us.icr.io"));
            Assert.That((username, read), Is.EqualTo(("iamapikey", secret)));
            Assert.That(HelperOutput.List(await helper.ListAsync()), Does.ContainKey("us.icr.io").WithValue("iamapikey"));
            Assert.That(home.FilesContainingSecret(secret), Is.Empty, "the keychain keeps the secret, no file under HOME");
        }

        HelperOutput.AssertSilentSuccess(await helper.EraseAsync("us.icr.io"));
        HelperOutput.AssertNotFound(await helper.GetAsync("us.icr.io"));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Does.Not.ContainKey("us.icr.io"));
    }

    [Test]
    public async Task The_login_is_a_generic_password_of_our_service_with_the_host_as_account()
    {
        using var home = KeychainHome();
        HelperOutput.AssertSilentSuccess(await new HelperCli(home).StoreAsync("de.icr.io", "iamapikey", "keychain-secret-0c3b5e"));

        // Without -w or -g, security prints the attributes only, and so asks for no access to the secret.
        var item = await ThrowawayKeychain.SecurityAsync("find-generic-password", "-s", Service, "-a", "de.icr.io", _keychain.Path);

        Assert.That(item.StandardOutput, Does.Contain($"\"svce\"<blob>=\"{Service}\"")
            .And.Contain("\"acct\"<blob>=\"de.icr.io\"")
            .And.Contain($"\"labl\"<blob>=\"{Service}: de.icr.io\"")
            .And.Not.Contain("keychain-secret-0c3b5e"));
        HelperOutput.AssertSilentSuccess(await new HelperCli(home).EraseAsync("de.icr.io"));
    }

    [Test]
    public async Task Doctor_finds_the_login_in_the_keychain()
    {
        using var home = KeychainHome();
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("jp.icr.io", "iamapikey", "keychain-secret-81d4"));

        var doctor = await helper.RunWithArgumentsAsync("doctor", "jp.icr.io");

        Assert.That(doctor.StandardOutput, Does.Contain("keystore entry for jp.icr.io, user iamapikey").And.Not.Contain("keychain-secret-81d4"), doctor.ToString());
        HelperOutput.AssertSilentSuccess(await helper.EraseAsync("jp.icr.io"));
    }

    private static TestHome KeychainHome()
    {
        var home = new TestHome();
        home.Environment["IBMTP_KEYSTORE"] = "keychain";
        // The Security framework reads the keychain search list this fixture set from $HOME/Library/Preferences;
        // the helper's own files still go to the throwaway XDG folders.
        home.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME")!;
        return home;
    }
}
