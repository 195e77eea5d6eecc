using System.Security.Cryptography;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Testing.Keystores;
using Ibmtp.Tests.Support;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores;

/// <summary>The encrypted file store: the keystore contract in a throwaway home, and what only a file store must do.</summary>
[TestFixture]
public class FileKeystoreTests : KeystoreContract
{
    private const string DistinctiveSecret = "Secret-9c1e77b04f2a4d6e8a35b2cd";

    private TempHome Home { get; set; } = null!;

    [SetUp]
    public void CreateHome() => Home = new TempHome();

    [TearDown]
    public void DeleteHome() => Home.Dispose();

    protected override IKeystore Open() => Home.Keystore();

    /// <summary>Its logins are sealed together, so a key file replaced by another key damages every one of them.</summary>
    protected override void Damage(RegistryHost host) => File.WriteAllBytes(Home.KeyFile, RandomNumberGenerator.GetBytes(32));

    [Test]
    public void A_second_read_of_the_same_file_is_not_decrypted_again()
    {
        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));
        var keystore = Home.Keystore();
        keystore.Find(Host("session.ibmtp.invalid"));

        // A key that no longer opens the file shows that the second read used the first one's contents.
        File.WriteAllBytes(Home.KeyFile, RandomNumberGenerator.GetBytes(32));

        Assert.That(keystore.Find(Host("us.icr.io"))?.Username, Is.EqualTo("Profile-1"));
    }

    [Test]
    public void A_file_another_process_replaced_since_the_last_read_is_read_again()
    {
        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));
        var keystore = Home.Keystore();
        keystore.Find(Host("us.icr.io"));

        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-2", new Secret("secret-2")));

        Assert.That(keystore.Find(Host("us.icr.io"))?.Username, Is.EqualTo("Profile-2"));
    }

    [Test]
    public void Reading_before_anything_was_saved_creates_no_file()
    {
        var keystore = Home.Keystore();

        keystore.Find(Host("us.icr.io"));
        keystore.Usernames();
        keystore.Remove(Host("us.icr.io"));

        Assert.That(TempHome.FilesUnder(Home.Root), Is.Empty);
    }

    [Test]
    public void The_keystore_folder_is_0700_and_its_files_0600_even_with_a_permissive_umask()
    {
        using (new PermissiveUmask())
            Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));

        var files = TempHome.FilesUnder(Home.Paths.DataFolder).ToList();
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[] { "keystore.json", "keystore.key", "keystore.lock" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.GetUnixFileMode(Home.Paths.DataFolder), Is.EqualTo(FileModes.OwnerOnlyFolder), Home.Paths.DataFolder);
            foreach (var file in files)
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(FileModes.OwnerOnlyFile), file);
        }
    }

    [Test]
    public void The_key_file_holds_a_random_256_bit_key()
    {
        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));

        Assert.That(File.ReadAllBytes(Home.KeyFile), Has.Length.EqualTo(32).And.Not.All.EqualTo(0));
    }

    [Test]
    public void No_file_holds_the_secret_in_plaintext_or_base64()
    {
        var keystore = Home.Keystore();
        keystore.Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret(DistinctiveSecret)));
        keystore.Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("another-secret-value")));

        Assert.That(SecretForms.FilesHolding(Home.Root, DistinctiveSecret), Is.Empty);
    }

    [Test]
    public void Saving_replaces_the_file_whole_and_leaves_no_temporary_file_behind()
    {
        var keystore = Home.Keystore();
        keystore.Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("secret-1")));
        keystore.Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("secret-2")));
        keystore.Remove(Host("us.icr.io"));

        Assert.That(TempHome.FilesUnder(Home.Paths.DataFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "keystore.json", "keystore.key", "keystore.lock" }));
    }

    [Test]
    public void Temporary_files_an_interrupted_write_left_are_deleted_by_the_next_write()
    {
        var folder = Home.Paths.DataFolder;
        var leftovers = new[] { $"keystore.json.{Guid.NewGuid():N}.tmp", $"keystore.key.{Guid.NewGuid():N}.tmp" }
            .Select(name => Home.WriteFile(Path.Combine(folder, name), "leftover")).ToArray();
        var unrelated = Home.WriteFile(Path.Combine(folder, "notes.tmp"), "mine");

        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("leftover-secret-1")));

        Assert.That(leftovers, Has.None.Exist);
        Assert.That(unrelated, Does.Exist);
    }

    [TestCase("key file")]
    [TestCase("key file its group can read")]
    [TestCase("folder")]
    [TestCase("folder its group can write")]
    [TestCase("symlinked key file")]
    [TestCase("symlinked folder")]
    [TestCase("key file of another user")]
    [TestCase("folder of another user")]
    public void Key_material_others_could_read_or_swap_is_refused_with_the_fix_and_left_as_it_was(string loose)
    {
        Home.Keystore().Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("loose-key-secret-1")));
        var folder = Home.Paths.DataFolder;
        var fix = loose switch
        {
            "key file" => Loosen(Home.KeyFile, (UnixFileMode)0b110_100_100, $"chmod 600 {Home.KeyFile}"),
            "key file its group can read" => Loosen(Home.KeyFile, (UnixFileMode)0b110_100_000, $"chmod 600 {Home.KeyFile}"),
            "folder" => Loosen(folder, (UnixFileMode)0b111_111_111, $"chmod 700 {folder}"),
            "folder its group can write" => Loosen(folder, (UnixFileMode)0b111_111_000, $"chmod 700 {folder}"),
            "symlinked key file" => LinkKeyFile(),
            "symlinked folder" => LinkFolder(folder),
            "key file of another user" => GiveAway(Home.KeyFile),
            _ => GiveAway(folder),
        };
        var before = TempHome.Fingerprint(folder);

        var error = Assert.Throws<HelperException>(() => Home.Keystore().Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("loose-key-secret-2"))));

        Assert.That(error.Message, Does.Contain(fix));
        Assert.That(TempHome.Fingerprint(folder), Is.EqualTo(before));
    }

    private static string Loosen(string path, UnixFileMode mode, string fix)
    {
        File.SetUnixFileMode(path, mode);
        return fix;
    }

    private static string GiveAway(string path)
    {
        SpecialFiles.GiveToAnotherUser(path);
        return $"sudo chown {Ibmtp.Interop.Unix.CurrentProcess.UserId()} {path}";
    }

    private string LinkFolder(string folder)
    {
        var elsewhere = Path.Combine(Home.Root, "elsewhere");
        Directory.Move(folder, elsewhere);
        Directory.CreateSymbolicLink(folder, elsewhere);
        return "is a symbolic link";
    }

    private string LinkKeyFile()
    {
        var elsewhere = Path.Combine(Home.Root, "elsewhere.key");
        File.Move(Home.KeyFile, elsewhere);
        File.CreateSymbolicLink(Home.KeyFile, elsewhere);
        return "is a symbolic link";
    }
}
