using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores;

/// <summary>
/// The keystore's format is AES-256-GCM as .NET's AesGcm writes it: a keystore written by an earlier
/// version opens, and one written now opens with AesGcm, whatever implementation seals it.
/// </summary>
[TestFixture]
public sealed class KeystoreFormatTests : TempHomeFixture
{
    private static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("ibmtp-keystore/1/keyfile");

    [Test]
    public void A_keystore_sealed_with_dotnets_AesGcm_opens()
    {
        WriteSealedKeystore("""{"entries":{"us.icr.io":{"username":"Profile-1","secret":"format-secret-a1"}}}""");

        Assert.That(Home.Keystore().Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("Profile-1", new Secret("format-secret-a1"))));
    }

    [Test]
    public void Unknown_fields_are_ignored_and_the_last_of_a_repeated_entry_wins()
    {
        WriteSealedKeystore(
            """{"version":7,"entries":{"us.icr.io":{"username":"Profile-old","secret":"format-secret-old"},"us.icr.io":{"username":"Profile-1","secret":"format-secret-c3","note":"x"}}}""",
            envelope => envelope["comment"] = "written by a later version");

        Assert.That(Home.Keystore().Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("Profile-1", new Secret("format-secret-c3"))));
    }

    [Test]
    public void Contents_without_entries_are_an_empty_keystore()
    {
        WriteSealedKeystore("{}");

        Assert.That(Home.Keystore().Usernames(), Is.Empty);
    }

    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("""{"entries":null}""")]
    [TestCase("""{"entries":[]}""")]
    [TestCase("""{"entries":{"us.icr.io":null}}""")]
    [TestCase("""{"entries":{"us.icr.io":"Profile-1"}}""")]
    [TestCase("""{"entries":{"us.icr.io":{"username":5,"secret":"format-secret-d4"}}}""")]
    [TestCase("""{"entries":{"us.icr.io":{"username":"Profile-1","secret":["format-secret-d4"]}}}""")]
    [TestCase("""{"entries":{"us.icr.io":{"username":"Profile-1"}}}""")]
    [TestCase("""{"entries":{"us.icr.io":{"secret":"format-secret-d4"}}}""")]
    public void Contents_that_decrypt_but_are_not_whole_logins_are_reported_as_damaged(string contents)
    {
        WriteSealedKeystore(contents);

        var error = Assert.Throws<HelperException>(() => Home.Keystore().Find(Host("us.icr.io")));
        Assert.That(error?.Message, Does.Contain("decrypts, but its contents are damaged").And.Not.Contain("format-secret"));
    }

    /// <summary>Seals <paramref name="contents"/> as .NET's AesGcm does, under a fresh key file, in an envelope <paramref name="edit"/> may change.</summary>
    private void WriteSealedKeystore(string contents, Action<JsonObject>? edit = null)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        WriteKeyFile(key);
        var plaintext = Encoding.UTF8.GetBytes(contents);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, tag.Length))
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData);
        var envelope = new JsonObject
        {
            ["format"] = 1,
            ["keySource"] = "keyfile",
            ["iterations"] = 0,
            ["sealed"] = new JsonObject
            {
                ["nonce"] = Convert.ToBase64String(nonce),
                ["ciphertext"] = Convert.ToBase64String(ciphertext),
                ["tag"] = Convert.ToBase64String(tag),
            },
        };
        edit?.Invoke(envelope);
        File.WriteAllText(Home.KeystoreFile, envelope.ToJsonString());
    }

    [Test]
    public void A_keystore_written_now_opens_with_dotnets_AesGcm()
    {
        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-2", new Secret("format-secret-b2")));
        var key = File.ReadAllBytes(Home.KeyFile);
        var box = JsonNode.Parse(File.ReadAllText(Home.KeystoreFile))!["sealed"]!;
        var ciphertext = Convert.FromBase64String((string)box["ciphertext"]!);
        var plaintext = new byte[ciphertext.Length];

        using (var aes = new AesGcm(key, 16))
            aes.Decrypt(Convert.FromBase64String((string)box["nonce"]!), ciphertext, Convert.FromBase64String((string)box["tag"]!), plaintext, AssociatedData);

        var login = JsonNode.Parse(plaintext)!["entries"]!["us.icr.io"]!;
        Assert.That((string)login["username"]!, Is.EqualTo("Profile-2"));
        Assert.That((string)login["secret"]!, Is.EqualTo("format-secret-b2"));
    }

    private void WriteKeyFile(byte[] key)
    {
        Directory.CreateDirectory(Home.Paths.DataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(Home.KeyFile, key);
        File.SetUnixFileMode(Home.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
