using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Configuration;

/// <summary>The keystore table is the one list of stores; settings, <c>keystore migrate</c>, messages and the README read it.</summary>
[TestFixture]
public class KeystoreKindsTests
{
    [Test]
    public void Every_keystore_has_exactly_one_row_and_no_two_rows_share_a_spelling()
    {
        Assert.That(KeystoreKinds.All.Rows.Select(row => row.Value), Is.EquivalentTo(Enum.GetValues<KeystoreKind>()));
        Assert.That(KeystoreKinds.All.Rows.Select(row => row.Spelling), Is.Unique);
    }

    [Test]
    public void Keystores_are_spelled_as_users_settings_already_hold_them()
    {
        Assert.That(KeystoreKinds.All.Rows.Select(row => $"{row.Value}={row.Spelling}"),
            Is.EqualTo(new[] { "File=file", "SecretService=secretservice", "Pass=pass", "Keychain=keychain" }));
    }

    [Test]
    public void The_hint_lists_every_keystore_in_the_tables_order()
    {
        Assert.That(KeystoreKinds.Choices, Is.EqualTo("file, secretservice, pass or keychain"));
        var spellings = KeystoreKinds.All.Rows.Select(row => row.Spelling).ToArray();
        Assert.That($"{string.Join(", ", spellings[..^1])} or {spellings[^1]}", Is.EqualTo(KeystoreKinds.Choices), "a row the hint leaves out");
    }

    [Test]
    public void The_READMEs_keystore_table_lists_exactly_the_keystores_with_where_each_keeps_logins()
    {
        var documented = Readme.TableRows("Where logins are kept: `IBMTP_KEYSTORE`").Select(row => Readme.LeadingCells(row, 2));

        Assert.That(documented, Is.EqualTo(KeystoreKinds.All.Rows.Select(row =>
            $"| `{row.Spelling}`{(row.Spelling == SettingsTable.Keystore.Default ? " (default)" : "")} | {row.Meaning} |")));
    }

    [Test]
    public void A_message_that_points_to_another_store_names_the_setting_that_chooses_it()
    {
        Assert.That(KeystoreKinds.Assignment(KeystoreKind.SecretService), Is.EqualTo("IBMTP_KEYSTORE=secretservice"));
    }
}
