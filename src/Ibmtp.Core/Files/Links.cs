namespace Ibmtp.Files;

/// <summary>Whether a path may be reached through a symbolic link.</summary>
public enum Links
{
    /// <summary>A file the user names (the config file, an <c>@file</c> secret): a link there is the user's choice, as with Kubernetes' mounted secrets.</summary>
    Follow,

    /// <summary>The helper's own files: a link there was planted, and following it would read or write someone else's file.</summary>
    Refuse,
}
