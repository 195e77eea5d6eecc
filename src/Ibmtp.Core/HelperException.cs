namespace Ibmtp;

/// <summary>
/// A failure the user must see and can fix. Its message is shown as-is on one line, so it says
/// what went wrong and what to do, and never carries a secret. Every layer raises it; each front
/// end decides how to report it.
/// </summary>
public class HelperException(string message) : Exception(message);
