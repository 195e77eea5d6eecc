namespace Ibmtp.Protocol;

/// <summary>
/// A failure the user must see and can fix. Its message is printed as-is on one line, so it says
/// what went wrong and what to do, and never carries a secret.
/// </summary>
public class HelperException(string message) : Exception(message);
