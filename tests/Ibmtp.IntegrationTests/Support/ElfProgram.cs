using System.Buffers.Binary;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// What the kernel reads from a 64-bit little-endian ELF file (x86-64, arm64) before it runs it: the
/// program interpreter, the dynamic loader named by its PT_INTERP header, which a static executable has none of.
/// </summary>
public sealed record ElfProgram(string? Interpreter)
{
    private const uint InterpreterHeader = 3;

    public bool IsStatic => Interpreter is null;

    /// <summary>The ELF file at <paramref name="path"/>, or null when it is not one.</summary>
    public static ElfProgram? Read(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[64];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header[..4].SequenceEqual("\u007fELF"u8)
            || header[4] != 2 /* 64-bit */ || header[5] != 1 /* little-endian */)
        {
            return null;
        }

        var programHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(header[0x36..]);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(header[0x38..]);
        var entry = new byte[entrySize];
        for (var index = 0; index < entries; index++)
        {
            file.Position = programHeaders + (index * entrySize);
            file.ReadExactly(entry);
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) == InterpreterHeader)
            {
                var name = new byte[BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(32))];
                file.Position = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
                file.ReadExactly(name);
                return new ElfProgram(Encoding.UTF8.GetString(name).TrimEnd('\0'));
            }
        }

        return new ElfProgram(Interpreter: null);
    }
}
