using Ibmtp.Platform;
using Ibmtp.Protocol;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ibmtp.Logging;

/// <summary>
/// Builds the Serilog logger: a size-bounded rolling file in the XDG state folder, never the console,
/// because stdout belongs to the protocol and stderr is shown to the user mid-pull.
/// </summary>
public static class HelperLog
{
    public const string FileName = "ibmtp.log";
    public const long FileSizeLimit = 1024 * 1024;
    public const int RetainedFiles = 5;

    public static Logger Create(string? level, string stateFolder, SecretRedactor redactor)
    {
        var minimum = ParseLevel(level);
        if (minimum is null)
            return new LoggerConfiguration().CreateLogger();

        var logFile = Path.Combine(stateFolder, FileName);
        try
        {
            PrivateFiles.EnsureFolder(stateFolder);
            // Shared files take no lifecycle hooks, so the first file is made owner-only here; later
            // ones inherit the executable's 077 umask.
            if (!Directory.EnumerateFiles(stateFolder, "ibmtp*.log").Any())
                PrivateFiles.Open(logFile, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite).Dispose();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A read-only home (a locked-down Kubernetes node, say) must not break every pull.
            return new LoggerConfiguration().CreateLogger();
        }
        return new LoggerConfiguration()
            .MinimumLevel.Is(minimum.Value)
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.File(
                new RedactingFormatter(redactor),
                logFile,
                fileSizeLimitBytes: FileSizeLimit,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFiles,
                // Parallel pulls run many helpers at once. Shared mode seeks to the end before each write,
                // which keeps nearly every line; without a cross-process lock a rare one can still be lost.
                shared: true)
            .CreateLogger();
    }

    /// <summary>Null means "off".</summary>
    public static LogEventLevel? ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        null or "" or "information" or "info" => LogEventLevel.Information,
        "off" or "none" => null,
        "error" => LogEventLevel.Error,
        "warning" or "warn" => LogEventLevel.Warning,
        "debug" => LogEventLevel.Debug,
        _ => throw new HelperException($"{EnvironmentVariables.LogLevel} is '{level}': use off, error, warning, information or debug"),
    };
}
