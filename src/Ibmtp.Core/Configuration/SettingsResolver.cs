using Ibmtp.Files;
using Ibmtp.Platform;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>Reads the config file, if there is one, and lays the environment over it.</summary>
public static class SettingsResolver
{
    private const int LargestFile = 1024 * 1024;

    public static HelperSettings Resolve(IEnvironment environment, HelperPaths paths)
    {
        var chosen = environment.Get(SettingsTable.ConfigFile.Variable);
        // Without HOME (and XDG_CONFIG_HOME) there is no default config file; the environment alone still works.
        var path = chosen ?? (paths.HasConfigHome ? paths.DefaultConfigFile : null);
        var file = path is null ? null : ReadFile(path, chosen is not null);
        return new HelperSettings(new SettingLayers(environment, file, file is null ? null : path));
    }

    private static IConfiguration? ReadFile(string path, bool chosen)
    {
        var variable = SettingsTable.ConfigFile.Variable;
        if (Directory.Exists(path))
            throw new HelperException($"config file {path} is a folder, not a file: name a file in {variable}, or move the folder aside");
        if (!File.Exists(path))
        {
            return chosen
                ? throw new HelperException($"config file {path} (from {variable}) does not exist: create it or unset {variable}")
                : null;
        }

        try
        {
            var bytes = BoundedFile.ReadAllBytes(path, LargestFile, Links.Follow);
            // An empty file, as `touch` or an interrupted editor leaves it, is no config at all.
            if (bytes.Length == 0)
                return null;
            return new ConfigurationBuilder().AddJsonStream(new MemoryStream(bytes)).Build();
        }
        catch (Exception error) when (error is FormatException or InvalidDataException or InvalidOperationException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            throw new HelperException($"config file {path} is not valid: {OneLine(error)}; fix it, or set {variable} to another file");
        }
    }

    private static string OneLine(Exception error) => error.GetBaseException().Message.ReplaceLineEndings(" ").Trim();
}
