namespace Ibmtp.Configuration;

/// <summary>How much the helper writes to its log file.</summary>
public enum LogLevel
{
    Off,
    Error,
    Warning,
    Information,
    Debug,
}
