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

    [Test]
    public void The_account_is_said_to_serve_only_the_assume_grant_since_no_other_call_sends_it()
    {
        const string assumeGrant = "the assume grant (token mode, or auto with an API key)";

        Assert.That(SettingsTable.AccountId.Meaning, Does.EndWith("sent only with " + assumeGrant));
        Assert.That(SettingsTable.ProfileName.Meaning, Does.Contain(assumeGrant + " looks it up in the account IBMTP_ACCOUNT_ID, every other mode in the compute resource's own account"));
    }

    private static string ReadmeRow(Setting setting)
    {
        var variables = setting.FallbackVariable is null ? $"`{setting.Variable}`" : $"`{setting.Variable}`, else `{setting.FallbackVariable}`";
        var fileKey = setting.FileKey is null ? "" : $"`{setting.FileKey}`";
        var fallback = setting.Default is null ? "" : $"`{setting.Default}`";
        return $"| {variables} | {fileKey} | {fallback} | {setting.Meaning} |";
    }
}
