namespace Ibmtp.Iam;

/// <summary>A response body over <see cref="BoundedResponseHandler.LargestBody"/>: no retry will make it right.</summary>
public sealed class ResponseTooLargeException(string message) : IOException(message);
