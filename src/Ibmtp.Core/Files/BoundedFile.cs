namespace Ibmtp.Files;

/// <summary>
/// Reads a whole file that should be small, refusing one larger than a limit: a path pointed at a
/// huge file must fail with a message, not exhaust memory. Only a regular file is read (see
/// <see cref="SafeOpen"/>): /dev/zero or a FIFO is an error naming it.
/// </summary>
public static class BoundedFile
{
    /// <summary>The bytes of <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it holds more than <paramref name="limit"/>.</summary>
    public static byte[] ReadAllBytes(string path, int limit, Links links)
    {
        using var stream = SafeOpen.ForReading(path, links);
        return ReadAll(stream, path, limit);
    }

    /// <summary>The rest of an open <paramref name="stream"/>, read from <paramref name="path"/>, up to <paramref name="limit"/> bytes.</summary>
    public static byte[] ReadAll(Stream stream, string path, int limit)
    {
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
