namespace Ibmtp.Fuzz;

/// <summary>The keystore's two files, byte for byte; null for a file that does not exist.</summary>
public sealed record StoredFiles(byte[]? Keystore, byte[]? Key)
{
    public bool SameAs(StoredFiles other) => Same(Keystore, other.Keystore) && Same(Key, other.Key);

    /// <summary>Throws unless the files are exactly as they were, after a call that must not write them.</summary>
    public void RequireUnchangedBy(StoredFiles after, string call)
    {
        if (!SameAs(after))
            throw new PropertyViolation($"{call} changed the keystore files, which it must leave as they were");
    }

    private static bool Same(byte[]? before, byte[]? after) =>
        before is null ? after is null : after is not null && before.AsSpan().SequenceEqual(after);
}
