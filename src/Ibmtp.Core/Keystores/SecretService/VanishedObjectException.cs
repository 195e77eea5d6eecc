namespace Ibmtp.Keystores.SecretService;

/// <summary>
/// A Secret Service object that is no longer there, such as an item another helper's save deleted
/// after a search found it: the keyring itself is working.
/// </summary>
public sealed class VanishedObjectException(string message) : SecretServiceException(message);
