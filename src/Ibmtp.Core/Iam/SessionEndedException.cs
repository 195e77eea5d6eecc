namespace Ibmtp.Iam;

/// <summary>
/// IAM no longer accepts a person's session: its refresh token is invalid or expired, the session was
/// ended for inactivity, or the trusted profile no longer trusts the person. Only a new sign-in helps.
/// </summary>
/// <param name="message">The whole rejection, IAM's words and request id included, for the log.</param>
/// <param name="reason">Why the session ended, as a person understands it, for the one line a get fails with.</param>
public sealed class SessionEndedException(string message, string reason) : IamRejectedException(message)
{
    public string Reason { get; } = reason;
}
