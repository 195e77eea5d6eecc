using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// packaging/require-packages.sh, which both set-up commands run first: it installs what is missing
/// as root or with `sudo -n`, and otherwise prints the exact command and exits 1.
/// </summary>
[TestFixture]
public sealed class SetUpScriptTests
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Find(), "packaging", "require-packages.sh");

    [Test]
    public async Task Installed_packages_need_nothing_and_print_nothing()
    {
        var result = await ProcessRunner.RunAsync(Script, ["coreutils", "bash"], new ProcessOptions());

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput + result.StandardError, Is.Empty);
    }

    [Test]
    public async Task Without_root_or_sudo_the_exact_command_is_printed_and_nothing_installed()
    {
        // As nobody, who is not root and may not sudo; from a copy nobody can read, since a clone under
        // /root is closed to other users.
        var setpriv = Peers.Require("setpriv");
        using var folder = new TempDirectory("ibmtp-setup");
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        var copy = Path.Combine(folder.Path, "require-packages.sh");
        File.Copy(Script, copy);
        File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
        var result = await ProcessRunner.RunAsync(setpriv,
            ["--reuid=65534", "--regid=65534", "--clear-groups", copy, "coreutils", "ibmtp-no-such-package"],
            new ProcessOptions { InheritEnvironment = false, Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin" } });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("sudo apt-get update && sudo apt-get install -y --no-install-recommends ibmtp-no-such-package"));
        Assert.That(result.StandardError, Does.Not.Contain("coreutils"), "only what is missing is named");
    }
}
