namespace Ibmtp.Platform;

/// <summary>Where the helper keeps its files, following the XDG base-directory rules.</summary>
public sealed class HelperPaths(IEnvironment environment)
{
    private const string AppFolder = "ibmtp";

    /// <summary>Where the config file is looked for when IBMTP_CONFIG does not name one.</summary>
    public string DefaultConfigFile => Path.Combine(ConfigHome, AppFolder, "config.json");

    /// <summary>Whether <see cref="ConfigHome"/> can be worked out: XDG_CONFIG_HOME or HOME is set.</summary>
    public bool HasConfigHome => Absolute("XDG_CONFIG_HOME") is not null || environment.Get("HOME") is not null;

    /// <summary>Whether <see cref="StateFolder"/> can be worked out: XDG_STATE_HOME or HOME is set.</summary>
    public bool HasStateFolder => Absolute("XDG_STATE_HOME") is not null || environment.Get("HOME") is not null;

    /// <summary>Whether <see cref="CacheFolder"/> can be worked out: XDG_CACHE_HOME or HOME is set.</summary>
    public bool HasCacheFolder => Absolute("XDG_CACHE_HOME") is not null || environment.Get("HOME") is not null;

    /// <summary><c>${XDG_CONFIG_HOME:-~/.config}</c>, the user's configuration folder, shared with other programs.</summary>
    public string ConfigHome => XdgFolder("XDG_CONFIG_HOME", ".config");

    public string DataFolder => Path.Combine(XdgFolder("XDG_DATA_HOME", Path.Combine(".local", "share")), AppFolder);

    public string StateFolder => Path.Combine(XdgFolder("XDG_STATE_HOME", Path.Combine(".local", "state")), AppFolder);

    public string CacheFolder => Path.Combine(XdgFolder("XDG_CACHE_HOME", ".cache"), AppFolder);

    private string XdgFolder(string variable, string underHome) =>
        Absolute(variable) ?? Path.Combine(Home, underHome);

    /// <summary>The XDG base-directory spec says to ignore a relative path in these variables.</summary>
    private string? Absolute(string variable) => environment.Get(variable) is { } path && Path.IsPathRooted(path) ? path : null;

    public string Home => environment.Get("HOME") switch
    {
        null => throw new HelperException("HOME is not set: set HOME, or the XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME and XDG_CACHE_HOME folders"),
        var home when !Path.IsPathRooted(home) => throw new HelperException($"HOME is '{home}', a relative path, which would depend on the working folder: set it to an absolute path"),
        var home => home,
    };
}
