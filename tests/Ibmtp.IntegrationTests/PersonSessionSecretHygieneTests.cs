using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// No secret of a sign-in (the passcode, any refresh token, any access token of the person or of the profile) is
/// left in clear in any file under HOME, in the helper's debug log, or in the argv of the helper or of a program it
/// runs, through login, a get, a renewal and the get that finds the session ended, in each keystore.
/// </summary>
[TestFixture]
public sealed class PersonSessionSecretHygieneTests : PersonSessionFixture
{
    protected override Person Person { get; } = new("IBMid-270000HYGIE", "Hedy Lamarr", "hedy.hygiene@example.test", IamWorld.AccountId, "frequency hopping");

    [TestCaseSource(typeof(KeystoreInUse), nameof(KeystoreInUse.Names))]
    public async Task No_secret_of_the_sign_in_is_in_clear_in_any_file_the_debug_log_or_any_argv(string keystoreName)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        using var calls = HelperInvocations.Install(Home);
        using var programs = new TempDirectory("ibmtp-program-calls");
        var passArgv = RecordPassArgv(programs.Path);

        var passcode = await LoginAsync();
        var session = keystore.KeptSession()!;
        await GetBearerTokenAsync();
        AgeTo(PastRenewal);
        await GetBearerTokenAsync();
        Assert.That(Iam.RevokeSession(session.SessionId), Is.True);
        CachedTokens.AgeTo(Home, PastRenewal);
        var ended = await Helper.GetAsync(Registry);
        AssertSessionEnded(ended, "IAM no longer accepts the session's refresh token");

        // login's and the renewal's: the person's two tokens and the two profile tokens assumed with them.
        var accessTokens = Iam.AccessTokensIssuedIn(session.SessionId);
        var refreshTokens = Iam.RefreshTokensIssuedIn(session.SessionId);
        Assert.That((accessTokens.Count, refreshTokens.Count), Is.EqualTo((4, 2)), "the secrets the sign-in had");
        string[] secrets = [passcode, .. accessTokens, .. refreshTokens];
        var log = Home.ReadLog();
        var argv = calls.Read().SelectMany(call => call.Arguments).Concat(File.Exists(passArgv) ? File.ReadAllLines(passArgv) : []).ToList();
        Assert.That(log, Does.Contain("renewed"), "the debug log recorded the renewal");
        if (keystoreName == KeystoreInUse.Pass)
        {
            Assert.That(File.ReadAllLines(passArgv), Has.Some.StartsWith("insert "), "the wrapper saw the helper run pass");
        }

        Assert.Multiple(() =>
        {
            foreach (var (secret, index) in secrets.Select((secret, index) => (secret, index)))
            {
                Assert.That(Home.FilesContainingSecret(secret), Is.Empty, $"secret {index}, plain or base64, in a file under HOME");
                Assert.That(log, Does.Not.Contain(secret), $"secret {index} in the debug log");
                Assert.That(argv, Has.None.Contains(secret), $"secret {index} in an argv");
                Assert.That(ended.StandardOutput + ended.StandardError, Does.Not.Contain(secret), $"secret {index} in the failing get's message");
            }
        });
    }

    /// <summary>Puts a pass first on the helper's PATH that records its argv in <paramref name="folder"/> and runs the real one; returns the record's path.</summary>
    private string RecordPassArgv(string folder)
    {
        var record = Path.Combine(folder, "pass-argv");
        if (Home.Environment.GetValueOrDefault("IBMTP_KEYSTORE") != KeystoreInUse.Pass)
        {
            return record;
        }

        var wrapper = Path.Combine(Home.BinDirectory, "pass");
        File.WriteAllText(wrapper, $"#!/bin/bash\nprintf '%s\\n' \"$*\" >> '{record}'\nexec '{Peers.Require("pass")}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return record;
    }
}
