namespace Ibmtp.Keystores.SecretService;

/// <summary>A failure libsecret reported (its GError message), or libsecret itself missing.</summary>
public sealed class SecretServiceException(string message, bool libraryMissing = false) : Exception(message)
{
    public bool LibraryMissing { get; } = libraryMissing;
}
