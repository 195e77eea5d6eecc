using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A keystore that cannot be read is reported with its path and how to recover, and is never
/// overwritten or deleted; credentials from the environment keep working.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class DamagedKeystoreTests
{
    private const string ProfileId = FakeCredentials.TrustedProfileUsername;

    public static IEnumerable<TestCaseData> Damages()
    {
        yield return new TestCaseData((Action<TestHome>)(home => File.WriteAllText(home.KeystoreFile(), "this is not a keystore {")))
            .SetArgDisplayNames("not JSON");
        yield return new TestCaseData((Action<TestHome>)(home => File.WriteAllBytes(home.KeystoreFile(), [])))
            .SetArgDisplayNames("empty file");
        yield return new TestCaseData((Action<TestHome>)(home =>
            {
                var bytes = File.ReadAllBytes(home.KeystoreFile());
                File.WriteAllBytes(home.KeystoreFile(), bytes[..(bytes.Length / 2)]);
            }))
            .SetArgDisplayNames("truncated");
        yield return new TestCaseData((Action<TestHome>)TamperWithCiphertext).SetArgDisplayNames("ciphertext altered");
        yield return new TestCaseData((Action<TestHome>)(home => File.WriteAllBytes(home.KeystoreKeyFile(), RandomNumberGenerator.GetBytes(32))))
            .SetArgDisplayNames("key file replaced");
        yield return new TestCaseData((Action<TestHome>)(home => File.WriteAllText(home.KeystoreFile(), """{"format":99,"keySource":"keyfile"}""")))
            .SetArgDisplayNames("unknown format");
    }

    [TestCaseSource(nameof(Damages))]
    public async Task Get_without_environment_credentials_fails_naming_the_file_and_how_to_recover(Action<TestHome> damage)
    {
        using var home = await HomeWithDamagedKeystore(damage);

        await AssertFailsReportingTheDamageAndLeavesTheKeystoreAlone(home, helper => helper.GetAsync("us.icr.io"));
    }

    [TestCaseSource(nameof(Damages))]
    public async Task Store_fails_and_does_not_overwrite_the_damaged_keystore(Action<TestHome> damage)
    {
        using var home = await HomeWithDamagedKeystore(damage);
        var newSecret = FakeCredentials.NewApiKey();

        await AssertFailsReportingTheDamageAndLeavesTheKeystoreAlone(home, helper => helper.StoreAsync("de.icr.io", "other-user", newSecret));

        Assert.That(home.FilesContainingSecret(newSecret), Is.Empty);
    }

    [TestCaseSource(nameof(Damages))]
    public async Task Erase_and_list_fail_and_leave_the_damaged_keystore_alone(Action<TestHome> damage)
    {
        using var home = await HomeWithDamagedKeystore(damage);

        await AssertFailsReportingTheDamageAndLeavesTheKeystoreAlone(home, helper => helper.EraseAsync("us.icr.io"));
        await AssertFailsReportingTheDamageAndLeavesTheKeystoreAlone(home, helper => helper.ListAsync());
    }

    [TestCaseSource(nameof(Damages))]
    public async Task Get_with_environment_credentials_still_works(Action<TestHome> damage)
    {
        using var home = await HomeWithDamagedKeystore(damage);
        var before = home.KeystoreFingerprint();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
        Assert.That(home.KeystoreFingerprint(), Is.EqualTo(before));
    }

    [Test]
    public async Task Get_for_a_host_not_served_never_reads_the_damaged_keystore()
    {
        using var home = await HomeWithDamagedKeystore(TamperWithCiphertext);

        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync("docker.io"));
    }

    [Test]
    public async Task Moving_the_damaged_keystore_aside_as_advised_lets_store_work_again()
    {
        using var home = await HomeWithDamagedKeystore(TamperWithCiphertext);
        var helper = new HelperCli(home);
        var damaged = await File.ReadAllBytesAsync(home.KeystoreFile());
        var aside = home.KeystoreFile() + ".broken";
        var secret = FakeCredentials.NewApiKey();

        File.Move(home.KeystoreFile(), aside);
        var store = await helper.StoreAsync("us.icr.io", "fresh-user", secret);

        HelperOutput.AssertSilentSuccess(store);
        Assert.That(HelperOutput.Credentials(await helper.GetAsync("us.icr.io")), Is.EqualTo(("us.icr.io", "fresh-user", secret)));
        Assert.That(await File.ReadAllBytesAsync(aside), Is.EqualTo(damaged));
    }

    /// <summary>A HOME whose keystore held one login, then got damaged.</summary>
    private static async Task<TestHome> HomeWithDamagedKeystore(Action<TestHome> damage)
    {
        var home = new TestHome();
        try
        {
            HelperOutput.AssertSilentSuccess(await new HelperCli(home).StoreAsync("us.icr.io", ProfileId, FakeCredentials.NewApiKey()));
            Assert.That(File.Exists(home.KeystoreFile()), "the keystore should exist before it is damaged");
            damage(home);
            return home;
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Flips one bit of the ciphertext, leaving valid JSON around it: the longest base64 value in the
    /// file is taken for the ciphertext, whatever the file's field names.
    /// </summary>
    private static void TamperWithCiphertext(TestHome home)
    {
        var envelope = JsonNode.Parse(File.ReadAllText(home.KeystoreFile()))!;
        var longest = Strings(envelope)
            .Where(value => value.GetValue<string>().Length >= 16 && IsBase64(value.GetValue<string>()))
            .MaxBy(value => value.GetValue<string>().Length)
            ?? throw new InvalidOperationException($"no base64 ciphertext in {envelope}");
        var bytes = Convert.FromBase64String(longest.GetValue<string>());
        bytes[bytes.Length / 2] ^= 0x01;
        longest.ReplaceWith(Convert.ToBase64String(bytes));
        File.WriteAllText(home.KeystoreFile(), envelope.ToJsonString());
    }

    private static IEnumerable<JsonValue> Strings(JsonNode? node) => node switch
    {
        JsonObject json => json.SelectMany(property => Strings(property.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out _) => [value],
        _ => [],
    };

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    /// <summary>
    /// Runs <paramref name="action"/>: it must fail with one line naming the keystore file and how to recover,
    /// and leave the damaged keystore byte for byte as it was.
    /// </summary>
    private static async Task AssertFailsReportingTheDamageAndLeavesTheKeystoreAlone(TestHome home, Func<HelperCli, Task<ProcessResult>> action)
    {
        var before = home.KeystoreFingerprint();

        var line = HelperOutput.AssertOneLineFailure(await action(new HelperCli(home)));

        Assert.That(line, Does.Contain(home.KeystoreFile()), "the message must name the keystore file");
        Assert.That(line, Does.Match(@"(?i)\b(mv|move|rename|remove|delete)\b.*\blog ?in\b"), "the message must say how to recover");
        Assert.That(home.KeystoreFingerprint(), Is.EqualTo(before), "the damaged keystore must stay byte for byte as it was");
    }
}
