namespace Ibmtp.Files;

/// <summary>
/// Key material in a place others could read, swap or redirect: a symbolic link, or a file or folder
/// with group or other permissions. Refused as OpenSSH refuses a loose private key; the message gives
/// the command that fixes it.
/// </summary>
public sealed class UnsafeFileException(string message) : IOException(message);
