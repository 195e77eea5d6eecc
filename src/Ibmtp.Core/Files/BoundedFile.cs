namespace Ibmtp.Files;

/// <summary>
/// Reads a whole file that should be small, refusing one larger than a limit: a path pointed at
/// /dev/zero, or at a huge file, must fail with a message, not exhaust memory.
/// </summary>
public static class BoundedFile
{
    /// <summary>The bytes of <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it holds more than <paramref name="limit"/>.</summary>
    public static byte[] ReadAllBytes(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        using var content = new MemoryStream();
        var buffer = new byte[Math.Min(limit + 1, 4096)];
        int read;
        // One byte past the limit is read, to tell a file of exactly the limit from a larger one.
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > limit)
                throw new InvalidDataException($"{path} holds more than {limit} bytes, far more than it should: check that it is the right file");
        }
        return content.ToArray();
    }
}
