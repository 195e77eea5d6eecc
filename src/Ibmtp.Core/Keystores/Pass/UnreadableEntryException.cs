namespace Ibmtp.Keystores.Pass;

/// <summary>One entry that cannot be read as a login, while the store and its other entries still can.</summary>
public sealed class UnreadableEntryException(string message) : HelperException(message);
