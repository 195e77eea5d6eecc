using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Configuration;

/// <summary>The settings table is the one list of what users can set; the README must say the same.</summary>
[TestFixture]
public class SettingsTableTests
{
    [Test]
    public void The_READMEs_variable_table_lists_exactly_the_settings_table()
    {
        Assert.That(Readme.TableRows("Environment variables"), Is.EqualTo(SettingsTable.All.Select(ReadmeRow).ToArray()));
    }

    [Test]
    public void Every_variable_and_config_file_key_is_named_once()
    {
        var variables = SettingsTable.All.SelectMany(setting => new[] { setting.Variable, setting.FallbackVariable }).OfType<string>().ToArray();
        var fileKeys = SettingsTable.All.Select(setting => setting.FileKey).OfType<string>().ToArray();

        Assert.That(variables, Is.Unique);
        Assert.That(fileKeys, Is.Unique);
    }

    private static string ReadmeRow(Setting setting)
    {
        var variables = setting.FallbackVariable is null ? $"`{setting.Variable}`" : $"`{setting.Variable}`, else `{setting.FallbackVariable}`";
        var fileKey = setting.FileKey is null ? "" : $"`{setting.FileKey}`";
        var fallback = setting.Default is null ? "" : $"`{setting.Default}`";
        return $"| {variables} | {fileKey} | {fallback} | {setting.Meaning} |";
    }
}
