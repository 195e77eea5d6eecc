using Ibmtp.Platform;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Platform;

/// <summary>Where the helper keeps its files: the XDG base-directory rules.</summary>
[TestFixture]
public class HelperPathsTests
{
    [Test]
    public void Without_XDG_variables_the_files_live_under_HOME()
    {
        var paths = Paths(new() { ["HOME"] = "/home/user" });

        AssertPaths(paths,
            configFile: "/home/user/.config/ibmtp/config.json",
            dataFolder: "/home/user/.local/share/ibmtp",
            stateFolder: "/home/user/.local/state/ibmtp");
    }

    [Test]
    public void XDG_variables_move_each_folder()
    {
        var paths = Paths(new()
        {
            ["HOME"] = "/home/user",
            ["XDG_CONFIG_HOME"] = "/xdg/config",
            ["XDG_DATA_HOME"] = "/xdg/data",
            ["XDG_STATE_HOME"] = "/xdg/state",
        });

        AssertPaths(paths,
            configFile: "/xdg/config/ibmtp/config.json",
            dataFolder: "/xdg/data/ibmtp",
            stateFolder: "/xdg/state/ibmtp");
    }

    [Test]
    public void Without_HOME_or_XDG_variables_a_protocol_action_fails_with_one_line_saying_what_to_set()
    {
        using var stdin = new MemoryStream("us.icr.io"u8.ToArray());

        var result = HelperRun.Run(new DictionaryEnvironment(new Dictionary<string, string>()), ["get"], stdin);

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("HOME"));
    }

    [Test]
    public void Without_HOME_the_helper_works_when_XDG_CONFIG_HOME_XDG_DATA_HOME_and_XDG_STATE_HOME_are_set()
    {
        using var home = new TempHome();
        home.Variables.Remove("HOME");
        home.Variables.Remove("XDG_CACHE_HOME");
        home.Variables["IBMTP_API_KEY"] = "api-key-1";

        HelperAssert.Succeeds(HelperRun.Store(home, "de.icr.io", "Profile-de", "secret-de"));
        HelperAssert.Succeeds(HelperRun.Run(home, "get", "us.icr.io"));
        HelperAssert.Succeeds(HelperRun.Run(home, "list"));
    }

    [Test]
    public void Without_HOME_a_path_that_needs_it_is_an_error()
    {
        Assert.Throws<HelperException>(() => _ = Paths([]).DataFolder);
    }

    [Test]
    public void A_relative_XDG_folder_is_ignored_as_the_XDG_spec_says()
    {
        var paths = Paths(new() { ["HOME"] = "/home/user", ["XDG_DATA_HOME"] = "relative/data" });

        Assert.That(paths.DataFolder, Is.EqualTo("/home/user/.local/share/ibmtp"));
    }

    [Test]
    public void A_relative_HOME_is_refused_naming_it()
    {
        var error = Assert.Throws<HelperException>(() => _ = Paths(new() { ["HOME"] = "home/user" }).DataFolder);

        Assert.That(error.Message, Does.Contain("HOME is 'home/user', a relative path"));
    }

    private static HelperPaths Paths(Dictionary<string, string> variables) => new(new DictionaryEnvironment(variables));

    private static void AssertPaths(HelperPaths paths, string configFile, string dataFolder, string stateFolder)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(paths.DefaultConfigFile, Is.EqualTo(configFile));
            Assert.That(paths.DataFolder, Is.EqualTo(dataFolder));
            Assert.That(paths.StateFolder, Is.EqualTo(stateFolder));
        }
    }
}
