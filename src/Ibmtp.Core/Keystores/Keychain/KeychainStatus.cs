namespace Ibmtp.Keystores.Keychain;

/// <summary>The Security framework's OSStatus results that the keychain keystore treats apart from other failures.</summary>
public static class KeychainStatus
{
    public const int Success = 0;

    /// <summary>errSecDuplicateItem: an item with that service and account is already there.</summary>
    public const int DuplicateItem = -25299;

    /// <summary>errSecItemNotFound.</summary>
    public const int ItemNotFound = -25300;

    /// <summary>errSecInteractionNotAllowed: the keychain is locked and no dialog may ask to unlock it (ssh, CI).</summary>
    public const int InteractionNotAllowed = -25308;

    /// <summary>errSecAuthFailed: the keychain's password was refused.</summary>
    public const int AuthFailed = -25293;
}
