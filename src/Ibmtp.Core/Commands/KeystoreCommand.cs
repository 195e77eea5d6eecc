using System.CommandLine;
using System.CommandLine.Help;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Keystores;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>keystore migrate --to &lt;store&gt;</c>: moves every saved login to another store.</summary>
public static class KeystoreCommand
{
    private static readonly Option<string> ToOption = new("--to") { Description = $"the store to move the logins to: {KeystoreKinds.Choices}", Required = true };
    private static readonly Option<string?> FromOption = new("--from") { Description = $"the store to move them from (default: the one in use, {SettingsTable.Keystore.Variable} or keystore in the config file)" };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var migrate = new System.CommandLine.Command("migrate", "Copies every login to another store, reads each back, and only then removes them from the old one.")
        {
            ToOption, FromOption, new HelpOption(),
        };
        var command = new System.CommandLine.Command("keystore", "Manages where docker-credential-ibmtp keeps logins.") { migrate, new HelpOption() };
        var person = new PersonCommand(context, "keystore");
        return person.Parse(command, args, out var parsed) ?? person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            var from = parsed.GetValue(FromOption) is { } fromText ? Kind(fromText, "--from") : services.Settings.Keystore.Value;
            var to = Kind(parsed.GetValue(ToOption)!, "--to");
            if (from == to)
                throw new HelperException($"the logins are already in {KeystoreKinds.All.Spelling(to)}; name another store with --to");

            var moved = KeystoreMigration.Move(services.OpenKeystore(from), services.OpenKeystore(to),
                host => person.Say($"{host}: copied to {KeystoreKinds.All.Spelling(to)} and read back"));
            person.Say($"moved {moved.Count} login(s) from {KeystoreKinds.All.Spelling(from)} to {KeystoreKinds.All.Spelling(to)}");
            if (services.Settings.Keystore is not { Problem: null } inUse || inUse.Value != to)
                person.Say($"now set {SettingsTable.Keystore.Variable}={KeystoreKinds.All.Spelling(to)} (or \"{SettingsTable.Keystore.FileKey}\": \"{KeystoreKinds.All.Spelling(to)}\" in the config file), or get will not find them");
            return 0;
        });
    }

    private static KeystoreKind Kind(string text, string option) =>
        SettingParsers.Keystore(text, out var kind) is { } problem ? throw new HelperException($"{option} '{text}': {problem}") : kind;
}
