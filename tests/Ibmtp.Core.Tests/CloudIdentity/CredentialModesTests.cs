using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.CloudIdentity;

/// <summary>The mode table is the one list of modes; settings, messages, the token cache and the README read it.</summary>
[TestFixture]
public class CredentialModesTests
{
    [Test]
    public void Every_mode_has_exactly_one_row_and_no_two_rows_share_a_spelling()
    {
        Assert.That(CredentialModes.All.Rows.Select(row => row.Value), Is.EquivalentTo(Enum.GetValues<CredentialMode>()));
        Assert.That(CredentialModes.All.Rows.Select(row => row.Spelling), Is.Unique);
    }

    [Test]
    public void Modes_are_spelled_as_users_settings_and_cached_tokens_already_hold_them()
    {
        Assert.That(CredentialModes.All.Rows.Select(row => $"{row.Value}={row.Spelling}"),
            Is.EqualTo(new[] { "Auto=auto", "ApiKey=apikey", "Token=token", "CrToken=cr-token", "Vpc=vpc", "PowerVs=powervs" }));
    }

    [Test]
    public void The_hint_lists_every_mode_in_the_tables_order()
    {
        Assert.That(CredentialModes.Choices, Is.EqualTo("auto, apikey, token, cr-token, vpc or powervs"));
        var spellings = CredentialModes.All.Rows.Select(row => row.Spelling).ToArray();
        Assert.That($"{string.Join(", ", spellings[..^1])} or {spellings[^1]}", Is.EqualTo(CredentialModes.Choices), "a row the hint leaves out");
    }

    [Test]
    public void The_READMEs_mode_table_lists_exactly_the_modes_with_their_meanings()
    {
        var documented = Readme.TableRows("Modes").Select(row => Readme.LeadingCells(row, 2));

        Assert.That(documented, Is.EqualTo(CredentialModes.All.Rows.Select(row =>
            $"| `{row.Spelling}`{(row.Spelling == SettingsTable.Mode.Default ? " (default)" : "")} | {row.Meaning} |")));
    }
}
