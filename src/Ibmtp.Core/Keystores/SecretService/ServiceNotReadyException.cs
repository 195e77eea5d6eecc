namespace Ibmtp.Keystores.SecretService;

/// <summary>
/// The Secret Service answered a call of its own API as a method it does not implement. GNOME Keyring does
/// so now and then while many clients call it at once, and answers the same call a moment later.
/// </summary>
public sealed class ServiceNotReadyException(string message) : SecretServiceException(message);
