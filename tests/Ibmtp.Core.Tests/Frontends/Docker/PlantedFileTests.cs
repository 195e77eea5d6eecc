using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// A FIFO, a device or a link planted where the helper reads a file: every call returns at once,
/// with one line naming the file, and a host not served is still not-found.
/// </summary>
[TestFixture]
public sealed class PlantedFileTests : TempHomeFixture
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    public enum Place
    {
        ConfigFile,
        ApiKeyFile,
        Keystore,
        KeystoreKey,
    }

    [Test]
    public void A_fifo_where_a_file_is_read_is_an_error_naming_it([Values] Place place)
    {
        var path = Prepare(place);
        SpecialFiles.MakeFifo(path);

        var result = SpecialFiles.Within(AtOnce, () => HelperRun.Run(Home, "get", "us.icr.io"));

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain(path).And.Contain("not a regular file"));
    }

    [Test]
    public void A_host_not_served_is_not_found_whatever_is_planted([Values] Place place)
    {
        SpecialFiles.MakeFifo(Prepare(place));

        var result = SpecialFiles.Within(AtOnce, () => HelperRun.Run(Home, "get", "docker.io"));

        HelperAssert.NotFound(result);
    }

    [TestCase(Place.Keystore)]
    [TestCase(Place.KeystoreKey)]
    public void The_keystore_is_never_read_through_a_link(Place place)
    {
        var path = Prepare(place);
        var elsewhere = Path.Combine(Home.Root, "elsewhere");
        File.Move(path, elsewhere);
        File.CreateSymbolicLink(path, elsewhere);

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain(path).And.Contain("symbolic link"));
    }

    /// <summary>Sets the helper up to read the file at <paramref name="place"/> for us.icr.io, and returns its path.</summary>
    private string Prepare(Place place)
    {
        switch (place)
        {
            case Place.ConfigFile:
                var config = Path.Combine(Home.Root, "config.json");
                Home.Variables["IBMTP_CONFIG"] = config;
                return config;
            case Place.ApiKeyFile:
                var keyFile = Home.WriteFile("api-key", "key-from-a-file");
                Home.Variables["IBMTP_API_KEY"] = "@" + keyFile;
                return keyFile;
            default:
                HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "iam-ServiceId-planted", "stored-secret-planted"));
                return place == Place.Keystore ? Home.KeystoreFile : Home.KeyFile;
        }
    }
}
