namespace Ibmtp.IntegrationTests;

/// <summary>
/// A throwaway GnuPG home with a key that has no passphrase, and a password store initialised for
/// it, both inside the test HOME (under /tmp, so the agent's socket paths stay short), which the
/// helper is told to use with IBMTP_KEYSTORE=pass. Dispose stops the GnuPG agent it started.
/// </summary>
public sealed class PassStore : IDisposable
{
    public const string KeyId = "ibmtp-tests@example.com";

    public const string EntriesFolder = "docker-credential-ibmtp";

    private readonly TestHome home;
    private readonly string gpgconf;

    private PassStore(TestHome home)
    {
        this.home = home;
        Program = Peers.Require("pass");
        Gpg = Peers.Require("gpg");
        gpgconf = Peers.Require("gpgconf");
        GnuPgHome = home.Subdirectory("gnupg");
        File.SetUnixFileMode(GnuPgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Folder = Path.Combine(home.Path, "password-store");
        home.Environment["GNUPGHOME"] = GnuPgHome;
        home.Environment["PASSWORD_STORE_DIR"] = Folder;
        home.Environment["IBMTP_KEYSTORE"] = "pass";
    }

    /// <summary>The real pass, wherever the helper's PATH may point.</summary>
    public string Program { get; }

    public string Gpg { get; }

    public string GnuPgHome { get; }

    /// <summary>PASSWORD_STORE_DIR.</summary>
    public string Folder { get; }

    /// <summary>A GnuPG key and a store initialised for it; with <paramref name="git"/> the store is a git repository, so pass commits each change.</summary>
    public static async Task<PassStore> CreateAsync(TestHome home, bool git = false)
    {
        var store = new PassStore(home);
        try
        {
            await store.MustRunAsync(store.Gpg, "--batch", "--passphrase", "", "--quick-gen-key", KeyId, "future-default", "default", "never");
            await store.MustRunAsync(store.Program, "init", KeyId);
            if (git)
            {
                File.WriteAllText(Path.Combine(home.Path, ".gitconfig"), "[user]\n\tname = ibmtp tests\n\temail = ibmtp-tests@example.com\n[init]\n\tdefaultBranch = main\n");
                await store.MustRunAsync(store.Program, "git", "init");
            }

            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs the real pass in the test HOME's environment.</summary>
    public Task<ProcessResult> PassAsync(params string[] arguments) => RunAsync(Program, arguments);

    public string EntryFile(string host) => Path.Combine(Folder, EntriesFolder, $"{host}.gpg");

    /// <summary>The hosts with an entry file, as pass ls would show them.</summary>
    public IReadOnlyList<string> Hosts() =>
        Directory.Exists(Path.Combine(Folder, EntriesFolder))
            ? Directory.GetFiles(Path.Combine(Folder, EntriesFolder), "*.gpg").Select(file => Path.GetFileNameWithoutExtension(file)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The number of commits in the store's repository.</summary>
    public async Task<int> CommitCountAsync() =>
        int.Parse((await MustRunAsync(Program, "git", "rev-list", "--count", "HEAD")).StandardOutput.Trim());

    /// <summary>Deletes the secret key: entries can still be listed but no longer decrypted.</summary>
    public async Task ForgetSecretKeyAsync()
    {
        await StopAgentAsync();
        Directory.Delete(Path.Combine(GnuPgHome, "private-keys-v1.d"), recursive: true);
    }

    public void Dispose() => StopAgentAsync().GetAwaiter().GetResult();

    private Task<ProcessResult> StopAgentAsync() => RunAsync(gpgconf, ["--kill", "gpg-agent"]);

    private async Task<ProcessResult> MustRunAsync(string program, params string[] arguments)
    {
        var result = await RunAsync(program, arguments);
        return result.Succeeded ? result : throw new InvalidOperationException($"setting up the password store failed: {result}");
    }

    private Task<ProcessResult> RunAsync(string program, string[] arguments) =>
        ProcessRunner.RunAsync(program, arguments, new ProcessOptions { InheritEnvironment = false, Environment = home.Environment });
}
