namespace Ibmtp.Sessions;

/// <summary>The session's keystore entry cannot be read; <c>login</c> replaces it and <c>logout</c> removes it.</summary>
public sealed class DamagedSessionException(string message) : HelperException(message);
