using System.Text;
using Ibmtp.Configuration;

namespace Ibmtp.Commands;

/// <summary>The usage text, generated from <see cref="CommandTable"/> and <see cref="SettingsTable"/> so it cannot fall behind them.</summary>
public static class Usage
{
    private const string Introduction = """
        A Docker credential helper for IBM Cloud Container Registry (icr.io, *.icr.io).
        Configure it per registry under "credHelpers" in ~/.docker/config.json or
        containers/auth.json: {"credHelpers": {"us.icr.io": "ibmtp"}}
        """;

    public static string Text()
    {
        var text = new StringBuilder()
            .AppendLine($"Usage: {HelperInfo.Name} <{string.Join('|', CommandTable.All.Select(command => command.Name))}>")
            .AppendLine()
            .AppendLine(Introduction)
            .AppendLine()
            .AppendLine("Commands:");
        var commandWidth = CommandTable.All.Max(command => command.Name.Length) + 2;
        foreach (var command in CommandTable.All)
        {
            var aliases = command.Aliases.Length == 0 ? "" : $" (also {string.Join(", ", command.Aliases)})";
            text.AppendLine($"  {command.Name.PadRight(commandWidth)}{command.Summary}{aliases}");
        }

        text.AppendLine().AppendLine("Environment [config file key]:");
        var names = SettingsTable.All.Select(setting => setting.Variables + (setting.FileKey is null ? "" : $" [{setting.FileKey}]")).ToArray();
        var settingWidth = names.Max(name => name.Length) + 2;
        foreach (var (setting, name) in SettingsTable.All.Zip(names))
        {
            var fallback = setting.Default is null ? "" : $"; default {setting.Default}";
            text.AppendLine($"  {name.PadRight(settingWidth)}{setting.Meaning}{fallback}");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The commands a user may mean when they gave none: "get, store, ... or version".</summary>
    public static string CommandChoices()
    {
        var names = CommandTable.All.Where(command => command.Name != "help").Select(command => command.Name).ToArray();
        return $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
