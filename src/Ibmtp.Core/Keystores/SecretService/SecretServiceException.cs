namespace Ibmtp.Keystores.SecretService;

/// <summary>A failure of the Secret Service or of the session bus, in its own words.</summary>
public class SecretServiceException(string message) : Exception(message);
