namespace Ibmtp.Platform;

/// <summary>Reads a request from stdin with a size cap, since a helper must never hang or balloon on a runaway writer.</summary>
public static class BoundedInput
{
    /// <summary>Everything on <paramref name="input"/>, or null when it holds more than <paramref name="limit"/> bytes.</summary>
    public static byte[]? Read(Stream input, int limit)
    {
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = input.Read(buffer, length, buffer.Length - length)) > 0)
            length += read;
        return length <= limit ? buffer[..length] : null;
    }
}
