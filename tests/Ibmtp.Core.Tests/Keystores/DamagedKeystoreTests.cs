using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ibmtp.Files;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores;

/// <summary>
/// A keystore that cannot be read is reported with a message naming the file and how to recover,
/// is never overwritten or deleted, and does not stand in the way of credentials from the environment.
/// </summary>
[TestFixture]
public class DamagedKeystoreTests : TempHomeFixture
{
    public enum Damage
    {
        InvalidJson,
        EmptyFile,
        NullDocument,
        NotAnObject,
        UnknownFormat,
        FormatNotANumber,
        SealedNotAnObject,
        SealedNull,
        NonceNotBase64,
        NonceNull,
        TagMissing,
        TamperedCiphertext,
        MissingKeyFile,
        ReplacedKeyFile,
        ShortKeyFile,
    }

    private IReadOnlyDictionary<string, string> _before = null!;

    [SetUp]
    public void SaveALogin() => Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));

    [Test]
    public void Every_keystore_operation_reports_the_damage_naming_the_file_and_how_to_recover([Values] Damage damage)
    {
        var named = Apply(damage);
        var keystore = Home.Keystore();

        using (Assert.EnterMultipleScope())
        {
            AssertReported(() => keystore.Find(Host("us.icr.io")), named);
            AssertReported(() => keystore.Usernames(), named);
            AssertReported(() => keystore.Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("secret-2"))), named);
            AssertReported(() => keystore.Remove(Host("us.icr.io")), named);
        }
        Assert.That(TempHome.Fingerprint(Home.Paths.DataFolder), Is.EqualTo(_before), "the keystore folder changed");
    }

    [Test]
    public void Get_with_an_api_key_in_the_environment_still_works([Values] Damage damage)
    {
        Apply(damage);
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Contain("\"Secret\":\"api-key-1\""));
    }

    [TestCase("get", "us.icr.io")]
    [TestCase("erase", "us.icr.io")]
    [TestCase("list", "")]
    [TestCase("store", """{"ServerURL":"de.icr.io","Username":"Profile-2","Secret":"secret-2"}""")]
    public void Each_action_that_needs_the_keystore_fails_with_one_line_naming_it_and_leaves_it_untouched(string action, string stdin)
    {
        var named = Apply(Damage.TamperedCiphertext);

        var result = HelperRun.Run(Home, action, stdin);

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain(named).And.Contain("log in again"));
        Assert.That(TempHome.Fingerprint(Home.Paths.DataFolder), Is.EqualTo(_before), "the keystore folder changed");
    }

    /// <summary>Damages the keystore, records the folder as it now is, and returns the file the message must name.</summary>
    private string Apply(Damage damage)
    {
        switch (damage)
        {
            case Damage.InvalidJson:
                File.WriteAllText(Home.KeystoreFile, """{"format":1,"keySource":""");
                break;
            case Damage.EmptyFile:
                File.WriteAllBytes(Home.KeystoreFile, []);
                break;
            case Damage.NullDocument:
                File.WriteAllText(Home.KeystoreFile, "null");
                break;
            case Damage.NotAnObject:
                File.WriteAllText(Home.KeystoreFile, "[1]");
                break;
            case Damage.UnknownFormat:
                EditEnvelope(envelope => envelope["format"] = 99);
                break;
            case Damage.FormatNotANumber:
                EditEnvelope(envelope => envelope["format"] = "1");
                break;
            case Damage.SealedNotAnObject:
                EditEnvelope(envelope => envelope["sealed"] = 5);
                break;
            case Damage.SealedNull:
                EditEnvelope(envelope => envelope["sealed"] = null);
                break;
            case Damage.NonceNotBase64:
                EditEnvelope(envelope => ObjectHolding(envelope, "nonce")!["nonce"] = "not base64!");
                break;
            case Damage.NonceNull:
                EditEnvelope(envelope => ObjectHolding(envelope, "nonce")!["nonce"] = null);
                break;
            case Damage.TagMissing:
                EditEnvelope(envelope => ObjectHolding(envelope, "tag")!.Remove("tag"));
                break;
            case Damage.TamperedCiphertext:
                EditEnvelope(envelope =>
                {
                    var owner = ObjectHolding(envelope, "ciphertext") ?? throw new InvalidOperationException("the keystore file has no ciphertext");
                    var ciphertext = Convert.FromBase64String(owner["ciphertext"]!.GetValue<string>());
                    ciphertext[0] ^= 0x01;
                    owner["ciphertext"] = Convert.ToBase64String(ciphertext);
                });
                break;
            case Damage.MissingKeyFile:
                File.Delete(Home.KeyFile);
                break;
            case Damage.ReplacedKeyFile:
                File.WriteAllBytes(Home.KeyFile, RandomNumberGenerator.GetBytes(32));
                break;
            case Damage.ShortKeyFile:
                File.WriteAllBytes(Home.KeyFile, RandomNumberGenerator.GetBytes(16));
                break;
        }
        _before = TempHome.Fingerprint(Home.Paths.DataFolder);
        return damage is Damage.MissingKeyFile or Damage.ShortKeyFile ? Home.KeyFile : Home.KeystoreFile;
    }

    private void EditEnvelope(Action<JsonObject> edit)
    {
        var envelope = JsonNode.Parse(File.ReadAllText(Home.KeystoreFile))!.AsObject();
        edit(envelope);
        File.WriteAllText(Home.KeystoreFile, envelope.ToJsonString());
    }

    /// <summary>The object, at any depth, that has <paramref name="property"/>: the file's layout may nest it.</summary>
    private static JsonObject? ObjectHolding(JsonObject json, string property) =>
        json.ContainsKey(property)
            ? json
            : json.Select(pair => pair.Value).OfType<JsonObject>().Select(child => ObjectHolding(child, property)).FirstOrDefault(found => found is not null);

    private static void AssertReported(TestDelegate operation, string file)
    {
        var error = Assert.Throws<HelperException>(operation);
        Assert.That(error?.Message, Does.Contain(file).And.Contain("log in again"));
    }
}
