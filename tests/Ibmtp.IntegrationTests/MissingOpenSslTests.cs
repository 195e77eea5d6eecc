using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A machine without the system's OpenSSL, as in a slim container image: the paths that need it (a
/// write, TLS to IAM) fail with one line that says what to install and change nothing, where .NET alone
/// would abort the process; the paths that do not need it (every cached `get`) still answer.
/// </summary>
[TestFixture]
public sealed class MissingOpenSslTests
{
    private static readonly string[] Libraries =
        new[] { "libssl.so.3", "libssl.so.1.1" }
            .SelectMany(name => new[] { $"/usr/lib/x86_64-linux-gnu/{name}", $"/usr/lib/aarch64-linux-gnu/{name}" })
            .ToArray();

    [Test]
    public async Task Store_says_to_install_open_ssl_and_writes_nothing_while_gets_still_answer()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        var stored = await new HelperCli(home).StoreAsync("us.icr.io", FakeCredentials.TrustedProfileUsername, apiKey);
        HelperOutput.AssertSilentSuccess(stored);
        var keystore = await File.ReadAllBytesAsync(home.KeystoreFile());
        using var mounts = await PrivateMountNamespace.CreateAsync();
        foreach (var library in Libraries.Where(File.Exists))
            await mounts.MountAsync("--bind", "/dev/null", library);

        var store = await mounts.RunHelperAsync(home, Deadlines.AFewSeconds, "store",
            $$"""{"ServerURL":"de.icr.io","Username":"{{FakeCredentials.TrustedProfileUsername}}","Secret":"{{FakeCredentials.NewApiKey()}}"}""");
        var get = await mounts.RunHelperAsync(home, Deadlines.AFewSeconds, "get", "us.icr.io");

        Assert.That(HelperOutput.AssertOneLineFailure(store), Does.Contain("libssl").And.Contain("apt-get install libssl3"));
        Assert.That(store.StandardError, Does.Not.Contain("Unhandled").And.Not.Contain("No usable version"));
        Assert.That(await File.ReadAllBytesAsync(mounts.Inside(home.KeystoreFile())), Is.EqualTo(keystore), "the keystore changed");
        Assert.That(HelperOutput.Credentials(get), Is.EqualTo(("us.icr.io", FakeCredentials.TrustedProfileUsername, apiKey)));
    }
}
