using System.Text.Json;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published Linux binary in Debian 11 (<see cref="DebianRoot"/>: glibc 2.31, OpenSSL 1.1, older than
/// what the binary was built on), with the helper at /usr/local/bin. Every call a client makes works
/// there (<see cref="HelperInRootFixture"/>), with the CA trusted as Debian trusts one, and skopeo 1.2 of
/// that root pushes to a loopback registry with the credentials the helper gives it.
/// </summary>
[TestFixture]
public sealed class DebianBullseyeRootTests : HelperInRootFixture
{
    private const string SkopeoProgram = "/usr/bin/skopeo";

    /// <summary>
    /// XDG_RUNTIME_DIR in the root. skopeo 1.2 reads credHelpers from $XDG_RUNTIME_DIR/containers/auth.json,
    /// else ~/.config/containers/auth.json (both seen with --debug); the test names the first with --authfile too.
    /// </summary>
    private const string RuntimeDirectory = "/run/user/0";

    private readonly SharedRegistry registry = new();
    private string? tree;

    private RegistryServer Server => registry.Server;

    [OneTimeSetUp]
    public async Task BuildTheRootOnceAsync() => tree = await DebianRoot.TreeAsync();

    [OneTimeSetUp]
    public async Task StartRegistryAsync() =>
        await registry.StartAsync(() => RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, FakeCredentials.NewApiKey()));

    [OneTimeTearDown]
    public async Task StopRegistryAsync() => await registry.DisposeAsync();

    protected override Task<MinimalRoot> CreateRootForTestAsync() => DebianRoot.CreateAsync(tree!);

    /// <summary>As Debian's ca-certificates has an administrator add a CA: a .crt in /usr/local/share/ca-certificates, then update-ca-certificates.</summary>
    protected override async Task TrustTheEmulatorsCaAsync()
    {
        Root.CopyIn(CertificatePemPath, "/usr/local/share/ca-certificates/iam-emulator.crt");
        var update = await Root.RunProgramAsync(["update-ca-certificates"]);
        Assert.That(update.StandardOutput, Does.Contain("1 added"), update.ToString());
    }

    [Test]
    public async Task The_root_is_Debian_11_with_glibc_2_31_and_OpenSSL_1_1()
    {
        var glibc = await Root.RunProgramAsync(["/lib/x86_64-linux-gnu/libc.so.6"]);
        var openssl = await Root.RunProgramAsync(["openssl", "version"]);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Root.Outside("/etc/debian_version")), Does.StartWith("11."));
            Assert.That(glibc.StandardOutput, Does.Contain("release version 2.31."), glibc.ToString());
            Assert.That(openssl.StandardOutput, Does.StartWith("OpenSSL 1.1.1"), openssl.ToString());
        });
    }

    [Test]
    public async Task Skopeo_in_the_root_pushes_with_what_the_helper_on_its_PATH_gives_it()
    {
        var authFile = $"{RuntimeDirectory}/containers/auth.json";
        Root.Environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;
        Root.Environment["IBMTP_REGISTRIES"] = Server.Host;
        Root.Environment["IBMTP_PROFILE_ID"] = Server.Username;
        Root.Environment["IBMTP_API_KEY"] = Server.Password;
        TestHome.WriteCredHelpers(Root.Outside(authFile), Server.Host);
        // A distinct image per run, so that no earlier push can make the inspect pass.
        var image = OciImage.Write(Root.Outside("/tmp/layout"), "v1", $"bullseye {Guid.NewGuid()}\n").SeenAt("/tmp/layout");
        var reference = $"{Server.Host}/bullseye/push:v1";
        var skopeo = new Skopeo(Root, SkopeoProgram, authFile);


        await skopeo.AssertPushesAndInspectsAsync(image, reference, () => Server.Log);
    }
}
