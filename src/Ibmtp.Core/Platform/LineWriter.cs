using System.Buffers;
using System.Text;

namespace Ibmtp.Platform;

/// <summary>
/// How the helper writes stdout and stderr: whole lines of UTF-8, each with its newline in one write,
/// flushed at once. A client reading the pipe gets a line whole, and nothing is left in a buffer when
/// the process exits.
/// </summary>
public sealed class LineWriter(Stream stream)
{
    public void WriteLine(string line)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(line) + 1];
        Encoding.UTF8.GetBytes(line, bytes);
        bytes[^1] = (byte)'\n';
        Write(bytes);
    }

    /// <summary>A line built in place, such as a JSON answer, so that it is not copied before it is written.</summary>
    public void WriteLine(Action<IBufferWriter<byte>> build)
    {
        var line = new ArrayBufferWriter<byte>(256);
        build(line);
        line.Write("\n"u8);
        Write(line.WrittenSpan);
    }

    private void Write(ReadOnlySpan<byte> line)
    {
        stream.Write(line);
        stream.Flush();
    }
}
