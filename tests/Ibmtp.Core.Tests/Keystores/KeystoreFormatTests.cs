using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using static Ibmtp.Tests.Support.Registry;

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
        var key = RandomNumberGenerator.GetBytes(32);
        WriteKeyFile(key);
        var contents = """{"entries":{"us.icr.io":{"username":"Profile-1","secret":"format-secret-a1"}}}"""u8;
        var nonce = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[contents.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, tag.Length))
            aes.Encrypt(nonce, contents, ciphertext, tag, AssociatedData);
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
        File.WriteAllText(Home.KeystoreFile, envelope.ToJsonString());

        Assert.That(Home.Keystore().Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("Profile-1", new Secret("format-secret-a1"))));
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
