using Ibmtp.Configuration;
using Ibmtp.Files;
using Serilog;
using Serilog.Events;

namespace Ibmtp.Logging;

/// <summary>
/// Builds the Serilog logger: a size-bounded rolling file in the XDG state folder (see <see cref="AppendOnlyLogFile"/>), never the console,
/// because stdout belongs to the protocol and stderr is shown to the user mid-pull.
/// </summary>
public static class HelperLog
{
    public const string FileName = "ibmtp.log";
    public const long FileSizeLimit = 1024 * 1024;
    public const int RetainedFiles = 5;

    /// <summary>A logger that writes nowhere: logging off, a state folder that cannot be written, and tests.</summary>
    public static UntracedLogger Silent() => new(new LoggerConfiguration().CreateLogger());

    public static UntracedLogger Create(LogLevel level, string stateFolder)
    {
        if (level == LogLevel.Off)
            return Silent();

        AppendOnlyLogFile file;
        try
        {
            PrivateFiles.EnsureOwnFolder(stateFolder);
            file = new AppendOnlyLogFile(Path.Combine(stateFolder, FileName), new RedactingFormatter(), FileSizeLimit, RetainedFiles);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A read-only home (a locked-down Kubernetes node, say) must not break every pull.
            return Silent();
        }
        return new(new LoggerConfiguration()
            .MinimumLevel.Is(SerilogLevel(level))
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.Sink(file)
            .CreateLogger());
    }

    private static LogEventLevel SerilogLevel(LogLevel level) => level switch
    {
        LogLevel.Error => LogEventLevel.Error,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Off => throw new ArgumentOutOfRangeException(nameof(level), level, "no events are logged when off"),
    };
}
