using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A throwaway macOS keychain made the user's default and only searched one, so neither the runner's
/// login keychain nor its items take part; disposing puts the user's own back and deletes it.
/// </summary>
public sealed class ThrowawayKeychain : IAsyncDisposable
{
    private const string Password = "throwaway-keychain-password";

    private readonly TempDirectory _folder;
    private readonly string _previousDefault;
    private readonly string[] _previousSearchList;

    private ThrowawayKeychain(TempDirectory folder, string previousDefault, string[] previousSearchList)
    {
        _folder = folder;
        _previousDefault = previousDefault;
        _previousSearchList = previousSearchList;
    }

    public string Path => System.IO.Path.Combine(_folder.Path, "ibmtp-test.keychain-db");

    public static async Task<ThrowawayKeychain> CreateAsync()
    {
        var previousDefault = Unquoted(await SecurityAsync("default-keychain", "-d", "user")).Single();
        var previousSearchList = Unquoted(await SecurityAsync("list-keychains", "-d", "user"));
        var keychain = new ThrowawayKeychain(new TempDirectory("ibmtp-keychain"), previousDefault, previousSearchList);
        await SecurityAsync("create-keychain", "-p", Password, keychain.Path);
        await SecurityAsync("unlock-keychain", "-p", Password, keychain.Path);
        // Without -t or -l: the keychain neither locks after a while nor on sleep, mid-run.
        await SecurityAsync("set-keychain-settings", keychain.Path);
        await SecurityAsync("list-keychains", "-d", "user", "-s", keychain.Path);
        await SecurityAsync("default-keychain", "-d", "user", "-s", keychain.Path);
        return keychain;
    }

    public async ValueTask DisposeAsync()
    {
        await SecurityAsync("default-keychain", "-d", "user", "-s", _previousDefault);
        await SecurityAsync(["list-keychains", "-d", "user", "-s", .. _previousSearchList]);
        await SecurityAsync("delete-keychain", Path);
        _folder.Dispose();
    }

    /// <summary>Runs <c>security</c>, which must succeed.</summary>
    public static Task<ProcessResult> SecurityAsync(params string[] arguments) => SecurityAsync((IEnumerable<string>)arguments);

    private static async Task<ProcessResult> SecurityAsync(IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync("/usr/bin/security", arguments);
        Assert.That(result.Succeeded, result.ToString());
        return result;
    }

    // security prints each keychain on a line of its own, indented and in double quotes.
    private static string[] Unquoted(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Trim('"'))
            .ToArray();
}
