
namespace Ibmtp.Iam;

/// <summary>
/// IAM (or the metadata service) said no: wrong key, unknown profile, untrusted caller. Never
/// reported as "not found", because docker would then pull anonymously and hide the cause.
/// </summary>
public class IamRejectedException(string message) : HelperException(message);
