using Ibmtp.Protocol;

namespace Ibmtp.Iam;

/// <summary>IAM could not be reached, or kept failing, within the deadline. A still-valid cached token may stand in.</summary>
public sealed class IamUnavailableException(string message) : HelperException(message);
