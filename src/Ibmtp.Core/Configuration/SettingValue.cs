namespace Ibmtp.Configuration;

/// <summary>
/// A setting as resolved: its typed value, or what is wrong with what was given, and where it came
/// from. A bad value is thrown when the value is used, so a bad host entry fails only calls for that
/// host and <c>doctor</c> can list every problem at once; file and environment values are parsed and
/// reported alike.
/// </summary>
public readonly record struct SettingValue<T>
{
    private readonly T _value;

    private SettingValue(T value, string origin, string? problem)
    {
        _value = value;
        Origin = origin;
        Problem = problem;
    }

    /// <summary>Where the value came from: a variable, the config file, or "default".</summary>
    public string Origin { get; }

    /// <summary>What is wrong with the given value, naming the setting and how to fix it; null when it is fine.</summary>
    public string? Problem { get; }

    /// <summary>The value; throws the <see cref="Problem"/> as a <see cref="HelperException"/> when it is not valid.</summary>
    public T Value => Problem is null ? _value : throw new HelperException(Problem);

    public static SettingValue<T> Valid(T value, string origin) => new(value, origin, null);

    public static SettingValue<T> Invalid(string problem, string origin) => new(default!, origin, problem);

    /// <summary>For logs and <c>doctor</c>: never throws, even for a bad value.</summary>
    public override string ToString() => Problem is null ? $"{_value} (from {Origin})" : $"invalid (from {Origin}): {Problem}";
}
