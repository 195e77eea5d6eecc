using System.Diagnostics;
using System.Text.Json;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Base of the fixtures that run the published helper against one <see cref="IamEmulator"/>: started once
/// per fixture, its counters and knobs reset before each test, and a fresh <see cref="TestHome"/> per test
/// whose environment points the helper's IAM and metadata endpoints at the emulator.
/// </summary>
/// <param name="tls">
/// Serve the emulator over HTTPS as this says, with a certificate issued by a test CA that the helper does not trust
/// unless the test says so (<see cref="IamEmulator.TlsCertificatePemPath"/>); plain HTTP on loopback when null.
/// </param>
public abstract class IamEmulatorFixture(EmulatorTls? tls)
{
    /// <summary>An ICR host the helper serves without any opt-in.</summary>
    public const string Registry = "us.icr.io";

    public const string BearerUsername = "iambearer";

    /// <param name="useHttps">Serve HTTPS as <see cref="EmulatorTls.Default"/> says; plain HTTP on loopback otherwise.</param>
    protected IamEmulatorFixture(bool useHttps = false)
        : this(useHttps ? EmulatorTls.Default : null)
    {
    }

    private IamEmulator? iam;
    private TestHome? home;

    protected IamEmulator Iam => iam ?? throw new InvalidOperationException("the emulator has not started");

    protected IamWorld World { get; private set; } = null!;

    protected TestHome Home => home ?? throw new InvalidOperationException("no test is running");

    protected HelperCli Helper => new(Home);

    [OneTimeSetUp]
    public async Task StartEmulatorAsync() => (iam, World) = await IamWorld.StartEmulatorAsync(tls);

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        if (iam is not null)
        {
            await iam.DisposeAsync();
        }
    }

    [SetUp]
    public void StartTest()
    {
        Iam.Reset();
        Iam.TokenLifetime = TimeSpan.FromHours(1);
        Iam.Delay = TimeSpan.Zero;
        Iam.ClockAhead = TimeSpan.Zero;
        Iam.VpcDefaultProfileId = IamWorld.VpcDefault.Id;
        Iam.MetadataServer = MetadataServer.VirtualServer;
        home = new TestHome();
        UseEmulator(Home, Iam);
    }

    [TearDown]
    public void EndTest()
    {
        home?.Dispose();
        home = null;
    }

    /// <summary>Points the helper in <paramref name="testHome"/> at <paramref name="emulator"/> for IAM and the metadata service, with debug logging.</summary>
    public static void UseEmulator(TestHome testHome, IamEmulator emulator)
    {
        testHome.Environment["IBMTP_IAM_URL"] = emulator.BaseUrl.ToString();
        testHome.Environment["IBMTP_VPC_METADATA_URL"] = emulator.BaseUrl.ToString();
        testHome.Environment["IBMTP_POWERVS_METADATA_URL"] = emulator.PowerVsMetadataUrl.ToString();
        testHome.Environment["IBMTP_LOG_LEVEL"] = "debug";
    }

    /// <summary>Sets <paramref name="variables"/> in the helper's environment.</summary>
    protected void Set(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Home.Environment[name] = value;
        }
    }

    /// <summary>token mode with <paramref name="apiKey"/> (by default the builder service ID's key) and, unless null, the profile by ID.</summary>
    protected void UseTokenMode(string? profileId = null, string? apiKey = null)
    {
        Set(("IBMTP_MODE", "token"), ("IBMTP_API_KEY", apiKey ?? World.BuilderApiKey));
        if (profileId is not null)
        {
            Set(("IBMTP_PROFILE_ID", profileId));
        }
    }

    /// <summary>A get for <see cref="Registry"/>.</summary>
    protected virtual Task<ProcessResult> GetAsync() => Helper.GetAsync(Registry);

    /// <summary>A successful get's Secret, after checking the protocol output and the iambearer username.</summary>
    protected async Task<string> GetBearerTokenAsync()
    {
        var (serverUrl, username, secret) = HelperOutput.Credentials(await GetAsync());
        Assert.That(serverUrl, Is.EqualTo(Registry));
        Assert.That(username, Is.EqualTo(BearerUsername));
        return secret;
    }

    /// <summary>What <paramref name="call"/> returned, and how long it took.</summary>
    protected static async Task<(T Result, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        var result = await call();
        return (result, clock.Elapsed);
    }

    /// <summary>Username and Secret of a successful get that may also have warned on stderr.</summary>
    public static (string Username, string Secret) CredentialsAllowingWarnings(ProcessResult get)
    {
        Assert.That(get.ExitCode, Is.EqualTo(0), get.ToString());
        Assert.That(get.StandardOutput, Does.EndWith("}\n").And.Not.Contain("\n{"), $"stdout must be one JSON line: {get}");
        using var json = JsonDocument.Parse(get.StandardOutput);
        return (json.RootElement.GetProperty("Username").GetString()!, json.RootElement.GetProperty("Secret").GetString()!);
    }
}
