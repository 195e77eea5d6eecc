namespace Ibmtp.Files;

/// <summary>Another process kept a lock for longer than this call could wait.</summary>
public sealed class LockTimeoutException(string message) : HelperException(message);
