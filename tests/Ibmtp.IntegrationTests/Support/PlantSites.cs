using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Every path the helper opens (see Platform/HelperPaths.cs and Configuration/SettingsTable.cs), as <see cref="PlantSite"/>s.</summary>
public static class PlantSites
{
    public const string Host = IamEmulatorFixture.Registry;

    public static readonly IReadOnlyList<PlantSite> All =
    [
        new("config file", IsFolder: false, IsOurs: false, IsRead: true, MaySucceedOverGarbage: false,
            StoredLoginAsync, home => Path.Combine(home.Environment["XDG_CONFIG_HOME"], "ibmtp", "config.json"), [HelperCall.Get(Host)]),
        new("keystore folder", IsFolder: true, IsOurs: true, IsRead: false, MaySucceedOverGarbage: false,
            NothingAsync, HelperFiles.KeystoreFolder, [HelperCall.Store(Host), HelperCall.Get(Host)]),
        new("keystore.json", IsFolder: false, IsOurs: true, IsRead: true, MaySucceedOverGarbage: false,
            StoredLoginAsync, HelperFiles.KeystoreFile, [HelperCall.Get(Host), HelperCall.List(), HelperCall.Store(Host), HelperCall.Erase(Host)]),
        new("keystore.key", IsFolder: false, IsOurs: true, IsRead: true, MaySucceedOverGarbage: false,
            StoredLoginAsync, HelperFiles.KeystoreKeyFile, [HelperCall.Get(Host), HelperCall.Store(Host)]),
        new("keystore.lock", IsFolder: false, IsOurs: true, IsRead: false, MaySucceedOverGarbage: false,
            StoredLoginAsync, HelperFiles.KeystoreLockFile, [HelperCall.Store(Host), HelperCall.Erase(Host)]),
        new("token cache folder", IsFolder: true, IsOurs: true, IsRead: false, MaySucceedOverGarbage: true,
            TokenModeAsync, HelperFiles.CacheFolder, [HelperCall.Get(Host)]),
        new("cache.key", IsFolder: false, IsOurs: true, IsRead: true, MaySucceedOverGarbage: true,
            CachedTokenAsync, HelperFiles.CacheKeyFile, [HelperCall.Get(Host)]),
        new("cache.lock", IsFolder: false, IsOurs: true, IsRead: false, MaySucceedOverGarbage: true,
            CacheWithoutEntriesAsync, HelperFiles.CacheLockFile, [HelperCall.Get(Host)]),
        new("token cache entry", IsFolder: false, IsOurs: true, IsRead: true, MaySucceedOverGarbage: true,
            CachedTokenAsync, home => Directory.GetFiles(home.CacheFolder(), "*.token").Single(), [HelperCall.Get(Host)]),
        new("log folder", IsFolder: true, IsOurs: true, IsRead: false, MaySucceedOverGarbage: true,
            StoredLoginAsync, HelperFiles.LogFolder, [HelperCall.Get(Host)]),
        new("ibmtp.log", IsFolder: false, IsOurs: true, IsRead: true, MaySucceedOverGarbage: true,
            StoredLoginAsync, HelperFiles.LogFile, [HelperCall.Get(Host)]),
        new("@file of IBMTP_API_KEY", IsFolder: false, IsOurs: false, IsRead: true, MaySucceedOverGarbage: false,
            ApiKeyFileAsync, ApiKeyFile, [HelperCall.Get(Host)]),
        new("@file of IBMTP_KEYSTORE_PASSPHRASE", IsFolder: false, IsOurs: false, IsRead: true, MaySucceedOverGarbage: false,
            PassphraseFileAsync, PassphraseFile, [HelperCall.Get(Host), HelperCall.Store(Host)]),
    ];

    public static IEnumerable<PlantSite> Ours => All.Where(site => site.IsOurs);

    public static IEnumerable<PlantSite> NamedByTheUser => All.Where(site => !site.IsOurs);

    public static IEnumerable<PlantSite> Read => All.Where(site => site.IsRead);

    private static string ApiKeyFile(TestHome home) => Path.Combine(home.Subdirectory("secrets"), "api-key");

    private static string PassphraseFile(TestHome home) => Path.Combine(home.Subdirectory("secrets"), "passphrase");

    private static Task NothingAsync(TestHome home, IamWorld world) => Task.CompletedTask;

    private static async Task StoredLoginAsync(TestHome home, IamWorld world) =>
        HelperOutput.AssertSilentSuccess(await new HelperCli(home).StoreAsync(Host, "stored-user", FakeCredentials.NewApiKey()));

    private static Task TokenModeAsync(TestHome home, IamWorld world)
    {
        home.Environment["IBMTP_MODE"] = "token";
        home.Environment["IBMTP_API_KEY"] = world.BuilderApiKey;
        home.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;
        return Task.CompletedTask;
    }

    private static async Task CachedTokenAsync(TestHome home, IamWorld world)
    {
        await TokenModeAsync(home, world);
        IamEmulatorFixture.CredentialsAllowingWarnings(await new HelperCli(home).GetAsync(Host));
        Assert.That(Directory.GetFiles(home.CacheFolder(), "*.token"), Has.Length.EqualTo(1), "the first get must have cached its token");
    }

    /// <summary>A cache with its key but no entry, so the next get takes the lock to fetch.</summary>
    private static async Task CacheWithoutEntriesAsync(TestHome home, IamWorld world)
    {
        await CachedTokenAsync(home, world);
        foreach (var entry in Directory.GetFiles(home.CacheFolder(), "*.token"))
        {
            File.Delete(entry);
        }
    }

    private static Task ApiKeyFileAsync(TestHome home, IamWorld world)
    {
        File.WriteAllText(ApiKeyFile(home), FakeCredentials.NewApiKey());
        home.Environment["IBMTP_API_KEY"] = "@" + ApiKeyFile(home);
        home.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;
        return Task.CompletedTask;
    }

    private static async Task PassphraseFileAsync(TestHome home, IamWorld world)
    {
        File.WriteAllText(PassphraseFile(home), "correct horse battery staple");
        home.Environment["IBMTP_KEYSTORE_PASSPHRASE"] = "@" + PassphraseFile(home);
        await StoredLoginAsync(home, world);
    }
}
