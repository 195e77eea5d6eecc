using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Logging;

/// <summary>
/// Warnings a person must act on. They go to stderr, which docker and podman show mid-pull, so
/// nothing else may be written there.
/// </summary>
public sealed class UserWarnings(LineWriter error, UntracedLogger log)
{
    public void Warn(string message)
    {
        var redacted = SecretRedactor.Redact(message);
        log.Warning("{Warning}", redacted);
        error.WriteLine(SafeLine.Of($"{HelperInfo.Name}: warning: {redacted}"));
    }
}
