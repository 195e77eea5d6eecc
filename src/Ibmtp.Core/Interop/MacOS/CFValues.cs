using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>Conversions between .NET strings and bytes and CoreFoundation's CFString and CFData.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe class CFValues
{
    /// <summary>A new CFString with exactly these characters: built from UTF-8 bytes, so an embedded NUL cannot cut it short.</summary>
    internal static CFReference String(string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        fixed (byte* start = bytes)
            return Created(CoreFoundation.StringCreateWithBytes(0, start, bytes.Length, CoreFoundation.Utf8Encoding, 0));
    }

    /// <summary>A new CFData holding a copy of <paramref name="bytes"/>.</summary>
    internal static CFReference Data(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
            return Created(CoreFoundation.DataCreate(0, start, bytes.Length));
    }

    /// <summary>The characters of a CFString, or null for no object.</summary>
    internal static string? ReadString(nint value)
    {
        if (value == 0)
            return null;
        var characters = new char[CoreFoundation.StringGetLength(value)];
        fixed (char* start = characters)
            CoreFoundation.StringGetCharacters(value, new CFRange(0, characters.Length), start);
        return new string(characters);
    }

    /// <summary>A copy of a CFData's bytes, or null for no object.</summary>
    internal static byte[]? ReadData(nint value) =>
        value == 0 ? null : new ReadOnlySpan<byte>(CoreFoundation.DataGetBytePtr(value), checked((int)CoreFoundation.DataGetLength(value))).ToArray();

    /// <summary>
    /// <paramref name="value"/>, made sure to be an object. Creation fails only when memory runs out, and
    /// a null object must never reach a dictionary, whose callbacks would retain it.
    /// </summary>
    internal static CFReference Created(CFReference value) =>
        value.IsInvalid ? throw new OutOfMemoryException("CoreFoundation could not create an object") : value;
}
