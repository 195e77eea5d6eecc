using Ibmtp.Platform;
using Ibmtp.Protocol;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>Reads the config file, if there is one, and lays the environment over it.</summary>
public static class SettingsLoader
{
    public static HelperSettings Load(IEnvironment environment, HelperPaths paths)
    {
        var path = paths.ConfigFile;
        return new HelperSettings(ReadFile(environment, path), path, environment);
    }

    private static SettingsFile ReadFile(IEnvironment environment, string path)
    {
        if (!File.Exists(path))
        {
            return environment.Get(EnvironmentVariables.ConfigFile) is null
                ? new SettingsFile()
                : throw new HelperException($"config file {path} (from {EnvironmentVariables.ConfigFile}) does not exist: create it or unset {EnvironmentVariables.ConfigFile}");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();
            return configuration.Get<SettingsFile>() ?? new SettingsFile();
        }
        catch (Exception error) when (error is FormatException or InvalidDataException or InvalidOperationException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            throw new HelperException($"config file {path} is not valid: {OneLine(error)}; fix it, or set {EnvironmentVariables.ConfigFile} to another file");
        }
    }

    private static string OneLine(Exception error)
    {
        var innermost = error.GetBaseException().Message;
        return innermost.ReplaceLineEndings(" ").Trim();
    }
}
