using System.Diagnostics;
using System.Security.Cryptography;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Packaging;

/// <summary>
/// packaging/release.sh writes the Kubernetes installer with pin-release.sh, and check-release.sh holds it to
/// the release with check-pins.sh: here both run on stand-in tarballs, and the check refuses each wrong pin.
/// </summary>
public class KubernetesReleasePinsTests
{
    private const string Version = "9.8.7";
    private const string Name = HelperInfo.Name;
    private const string Releases = "https://github.com/example-owner/example-repository/releases/download";
    private const string BaseUrl = $"{Releases}/v{Version}";
    private string _folder = null!;
    private string Installer => Path.Combine(_folder, "installer");
    private string Kustomization => Path.Combine(Installer, "kustomization.yaml");

    [SetUp]
    public void MakeRelease()
    {
        _folder = Directory.CreateTempSubdirectory("ibmtp-pins-").FullName;
        File.WriteAllText(Tarball("linux-x64"), "the x64 tarball");
        File.WriteAllText(Tarball("linux-arm64"), "the arm64 tarball");
    }

    [TearDown]
    public void RemoveRelease() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_written_kustomization_pins_the_version_the_address_and_each_tarball()
    {
        Assert.That(Script("pin-release.sh", Version, _folder, Installer), Is.Zero);
        var text = File.ReadAllText(Kustomization);
        Assert.That(text, Does.Contain($"      - version={Version}\n"));
        Assert.That(text, Does.Contain($"      - releases={Releases}\n"));
        Assert.That(text, Does.Contain($"      - sha256-linux-x64={Sha256(Tarball("linux-x64"))}\n"));
        Assert.That(text, Does.Contain($"      - sha256-linux-arm64={Sha256(Tarball("linux-arm64"))}\n"));
        Assert.That(text, Does.Not.Contain("<sha256"), "no placeholder is left");
        Assert.That(Script("check-pins.sh", Version, _folder, Installer), Is.Zero);
    }

    [Test]
    public void A_release_without_an_arm64_tarball_pins_no_sha256_for_it()
    {
        File.Delete(Tarball("linux-arm64"));
        Script("pin-release.sh", Version, _folder, Installer);
        Assert.That(File.ReadAllText(Kustomization), Does.Match(@"      - sha256-linux-arm64=<[^\n]*linux-arm64[^\n]*>\n"));
        Assert.That(Script("check-pins.sh", Version, _folder, Installer), Is.Zero);
    }

    [TestCase("sha256-linux-x64=", "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("sha256-linux-arm64=", "0000000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("version=", "9.8.6")]
    [TestCase("releases=", "https://github.com/<owner>/<repository>/releases/download")]
    [TestCase("releases=", "https://github.com/another-owner/example-repository/releases/download")]
    public void The_check_refuses_a_kustomization_that_names_another_release(string literal, string value)
    {
        Script("pin-release.sh", Version, _folder, Installer);
        var lines = File.ReadAllLines(Kustomization).Select(line => line.StartsWith("      - " + literal, StringComparison.Ordinal) ? "      - " + literal + value : line);
        File.WriteAllLines(Kustomization, lines);
        Assert.That(Script("check-pins.sh", Version, _folder, Installer), Is.EqualTo(1));
    }

    [TestCase(null, "RELEASE_BASE_URL is not set")]
    [TestCase(Releases, "not the folder of release v9.8.7")]
    [TestCase("https://github.com/example-owner/example-repository/releases/download/v9.8.6", "not the folder of release v9.8.7")]
    [TestCase("http://github.com/example-owner/example-repository/releases/download/v9.8.7", "not an https address")]
    public void No_address_is_pinned_but_the_one_the_release_is_built_for(string? baseUrl, string why)
    {
        var (exit, error) = Run("pin-release.sh", baseUrl, Version, _folder, Installer);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain(why).And.Contain("https://github.com/<owner>/<repository>/releases/download/v9.8.7"));
        Assert.That(File.Exists(Kustomization), Is.False);
    }

    [Test]
    public void The_check_refuses_an_installer_built_for_another_address()
    {
        Script("pin-release.sh", Version, _folder, Installer);

        var (exit, error) = Run("check-pins.sh", "https://github.com/fork-owner/example-repository/releases/download/v9.8.7", Version, _folder, Installer);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"releases is '{Releases}', not https://github.com/fork-owner/example-repository/releases/download"));
    }

    [Test]
    public void Every_release_build_names_its_address_the_workflow_for_both_scripts_and_ci_a_stand_in()
    {
        var workflow = File.ReadAllText(RepositoryFiles.Path(".github", "workflows", "release.yml"));
        var package = workflow[workflow.IndexOf("\n  package:\n", StringComparison.Ordinal)..];
        Assert.That(package[..package.IndexOf("steps:", StringComparison.Ordinal)], Does.Contain("      RELEASE_BASE_URL: https://github.com/${{ github.repository }}/releases/download/${{ github.ref_name }}\n"),
            "set for the job, so check-release.sh checks against what release.sh pinned");
        var ci = File.ReadAllText(RepositoryFiles.Path(".ci", "run"));
        Assert.That(ci[..ci.IndexOf("packaging/release.sh", StringComparison.Ordinal)], Does.Contain("export RELEASE_BASE_URL="));
        Assert.That(File.ReadAllText(RepositoryFiles.Path("packaging", "kubernetes", "pin-release.sh")), Does.Not.Contain("GITHUB_REPOSITORY").And.Not.Contain("RELEASE_DOWNLOAD_URL"));
    }

    [Test]
    public void The_check_refuses_a_pin_for_a_tarball_the_release_does_not_have()
    {
        Script("pin-release.sh", Version, _folder, Installer);
        File.Delete(Tarball("linux-arm64"));
        Assert.That(Script("check-pins.sh", Version, _folder, Installer), Is.EqualTo(1));
    }

    [Test]
    public void The_check_refuses_a_manifest_that_is_not_the_repository_one()
    {
        Script("pin-release.sh", Version, _folder, Installer);
        File.AppendAllText(Path.Combine(Installer, "installer.yaml"), "# changed\n");
        Assert.That(Script("check-pins.sh", Version, _folder, Installer), Is.EqualTo(1));
    }

    [Test]
    public void The_source_kustomization_ships_placeholders_that_the_release_replaces()
    {
        var source = File.ReadAllText(RepositoryFiles.Path("packaging", "kubernetes", "kustomization.yaml"));
        Assert.That(source, Does.Contain("      - sha256-linux-x64=<"));
        var release = File.ReadAllText(RepositoryFiles.Path("packaging", "release.sh"));
        Assert.That(release, Does.Contain("packaging/kubernetes/pin-release.sh\" \"$version\" \"$out\""));
        var check = File.ReadAllText(RepositoryFiles.Path("packaging", "check-release.sh"));
        Assert.That(check, Does.Contain("packaging/kubernetes/check-pins.sh\" \"$version\" \"$out\""));
    }

    private string Tarball(string rid) => Path.Combine(_folder, $"{Name}_{Version}_{rid}.tar.gz");

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static int Script(string name, params string[] arguments) => Run(name, BaseUrl, arguments).Exit;

    /// <summary>Runs the script with RELEASE_BASE_URL set to <paramref name="baseUrl"/> (unset when null), and nothing else of the sort.</summary>
    private static (int Exit, string Error) Run(string name, string? baseUrl, params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryFiles.Path("packaging", "kubernetes", name), arguments) { RedirectStandardError = true };
        foreach (var variable in new[] { "RELEASE_BASE_URL", "RELEASE_DOWNLOAD_URL", "GITHUB_REPOSITORY" })
            start.Environment.Remove(variable);
        if (baseUrl is not null)
            start.Environment["RELEASE_BASE_URL"] = baseUrl;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        TestContext.Out.WriteLine(error);
        return (process.ExitCode, error);
    }
}
