using System.Text;
using Ibmtp.Logging;
using Serilog;

namespace Ibmtp.Platform;

/// <summary>
/// Warnings a person must act on. They go to stderr, which docker and podman show mid-pull, so
/// nothing else may be written there.
/// </summary>
public sealed class UserWarnings(Stream error, SecretRedactor redactor, ILogger log)
{
    public void Warn(string message)
    {
        var redacted = redactor.Redact(message);
        log.Warning("{Warning}", redacted);
        error.Write(Encoding.UTF8.GetBytes($"{HelperInfo.Name}: warning: {redacted}\n"));
        error.Flush();
    }
}
