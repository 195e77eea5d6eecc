namespace Ibmtp.Tokens;

/// <summary>The token issuer (IAM, or the VPC metadata service) could not be reached, or kept failing, within the deadline. A still-valid cached token may stand in.</summary>
public sealed class IamUnavailableException(string message) : HelperException(message);
