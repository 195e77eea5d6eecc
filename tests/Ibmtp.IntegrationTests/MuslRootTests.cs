using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published Linux binary in a root laid out as Alpine's docker:cli image (<see cref="AlpineLikeRoot"/>):
/// musl's C library and no other. Every call a client makes works there (<see cref="HelperInRootFixture"/>),
/// and the docker CLI of that root logs in and out of a loopback registry through the helper, which it
/// finds on the root's PATH.
/// </summary>
[TestFixture]
public sealed class MuslRootTests : HelperInRootFixture
{
    private readonly SharedRegistry registry = new();

    private RegistryServer Server => registry.Server;

    [OneTimeSetUp]
    public async Task StartRegistryAsync() =>
        await registry.StartAsync(() => RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, FakeCredentials.NewApiKey()));

    [OneTimeTearDown]
    public async Task StopRegistryAsync() => await registry.DisposeAsync();

    protected override Task<MinimalRoot> CreateRootForTestAsync() => AlpineLikeRoot.CreateAsync();

    [Test]
    public async Task The_root_holds_musl_and_no_glibc_so_a_glibc_program_does_not_start_there()
    {
        var elfFiles = Root.Files()
            .Select(file => (File: file, Program: ElfProgram.Read(Root.Outside(file))))
            .Where(file => file.Program is not null)
            .ToList();
        var loader = await Root.RunProgramAsync([AlpineLikeRoot.MuslLoader]);
        var glibcProgram = GlibcProgram();
        Root.CopyIn(glibcProgram, "/tmp/glibc-program");

        var glibcRun = await Root.RunProgramAsync(["/tmp/glibc-program"]);

        Assert.Multiple(() =>
        {
            Assert.That(loader.StandardError, Does.StartWith("musl libc (x86_64)"), loader.ToString());
            Assert.That(
                elfFiles.Where(file => file.Program!.Interpreter is not (null or AlpineLikeRoot.MuslLoader)).Select(file => $"{file.File} needs {file.Program!.Interpreter}"),
                Is.Empty,
                "every program of the root is static or musl's");
            Assert.That(elfFiles.Select(file => file.File), Is.SupersetOf(new[] { AlpineLikeRoot.MuslLoader, Root.Helper }));
            Assert.That(Root.Files(), Has.None.Match(@"/(ld-linux[^/]*|libc\.so\.6)$"), "glibc's loader or C library");
            Assert.That(glibcRun.ExitCode, Is.EqualTo(127), $"{glibcProgram} needs glibc's loader, which the root lacks: {glibcRun}");
        });
    }

    [Test]
    public async Task Docker_in_the_root_logs_in_and_out_through_the_helper_on_its_PATH()
    {
        AlpineLikeRoot.InstallStaticDocker(Root);
        Root.Environment["IBMTP_REGISTRIES"] = Server.Host;
        TestHome.WriteCredHelpers(Root.Outside($"{Root.Home}/.docker/config.json"), Server.Host);
        var docker = new DockerCli(Root, AlpineLikeRoot.Docker);

        var login = await docker.LoginAsync(Server.Host, Server.Username, Server.Password);
        var listAfterLogin = await Root.RunAsync("list");
        var getAfterLogin = await Root.RunAsync("get", Server.Host);
        var filesWithTheKeyAfterLogin = Root.FilesContainingSecret(Server.Password);
        var logout = await docker.LogoutAsync(Server.Host);
        var getAfterLogout = await Root.RunAsync("get", Server.Host);

        Assert.Multiple(() =>
        {
            Assert.That(login.Succeeded, $"{login}\n{Server.Log}");
            Assert.That(HelperOutput.List(listAfterLogin), Is.EqualTo(new Dictionary<string, string> { [Server.Host] = Server.Username }), "docker login stored through the helper");
            Assert.That(HelperOutput.Credentials(getAfterLogin), Is.EqualTo((Server.Host, Server.Username, Server.Password)));
            Assert.That(filesWithTheKeyAfterLogin, Is.Empty, "the API key, plain or base64, in a file of the root");
            Assert.That(Root.Files(), Does.Contain($"{Root.Home}/.local/share/ibmtp/keystore.json"));
            Assert.That(logout.Succeeded, logout.ToString());
            HelperOutput.AssertNotFound(getAfterLogout);
        });
    }

    /// <summary>A program of the machine's that glibc's loader starts.</summary>
    private static string GlibcProgram()
    {
        var program = Peers.Require("true");
        Assert.That(ElfProgram.Read(program)?.Interpreter, Does.Contain("ld-linux"), $"{program} should be a glibc program");
        return program;
    }
}
