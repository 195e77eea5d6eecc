namespace Ibmtp.Configuration;

/// <summary>
/// One thing a user can set: its environment variable (and the older IBM Cloud variable it also
/// accepts), its key in the config file, its default and what it means. The usage text, the README
/// and <c>doctor</c> are all written from these rows.
/// </summary>
/// <param name="FileKey">The config file's key, or null for what only the environment may hold (secrets, the file's own path).</param>
/// <param name="Default">The value used when no layer gives one, read by the same parser as a given value; null when unset means "none".</param>
public sealed record Setting(string Variable, string? FallbackVariable, string? FileKey, string? Default, string Meaning)
{
    /// <summary>The setting's configuration key: its file key, or its variable for what only the environment may hold.</summary>
    public string Key => FileKey ?? Variable;

    /// <summary>The variable, and the fallback that stands in for it, as the usage text lists them.</summary>
    public string Variables => FallbackVariable is null ? Variable : $"{Variable}, {FallbackVariable}";
}
