using Ibmtp.CommandLine;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Keystores;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary><c>keystore migrate --to &lt;store&gt;</c>: moves every saved login to another store.</summary>
public static class KeystoreCommand
{
    private static readonly CommandOption ToOption = new("--to", $"the store to move the logins to: {KeystoreKinds.Choices}", OptionValue.Required, "store", Required: true);
    private static readonly CommandOption FromOption = new("--from", $"the store to move them from (default: the one in use, {SettingsTable.Keystore.Variable} or keystore in the config file)", OptionValue.Required, "store");

    private static readonly CommandSyntax Syntax = new("keystore", "Manages where docker-credential-ibmtp keeps logins.", [])
    {
        Subcommands = [new("keystore migrate", "Copies every login to another store, reads each back, and only then removes them from the old one.", [ToOption, FromOption])],
    };

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var person = new PersonCommand(context, "keystore");
        return person.Parse(Syntax, args, out var parsed) ?? person.Run(() =>
        {
            using var services = HelperServices.Create(context);
            var from = parsed.Value(FromOption) is { } fromText ? Kind(fromText, "--from") : services.Settings.Keystore.Value;
            var to = Kind(parsed.Value(ToOption)!, "--to");
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
