using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>The CoreFoundation calls that make and read the strings, data, dictionaries and arrays the Security framework takes and returns.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class CoreFoundation
{
    internal const uint Utf8Encoding = 0x08000100;

    internal static readonly nint True = Frameworks.Global(Frameworks.CoreFoundation, "kCFBooleanTrue");

    // Callback tables that retain and release CF keys and values: what a dictionary of CF objects needs.
    internal static readonly nint TypeDictionaryKeyCallBacks = Frameworks.Export(Frameworks.CoreFoundation, "kCFTypeDictionaryKeyCallBacks");

    internal static readonly nint TypeDictionaryValueCallBacks = Frameworks.Export(Frameworks.CoreFoundation, "kCFTypeDictionaryValueCallBacks");

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFRelease")]
    internal static partial void Release(nint value);

    // The last argument is a CF Boolean, one byte.
    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFStringCreateWithBytes")]
    internal static partial CFReference StringCreateWithBytes(nint allocator, byte* bytes, nint length, uint encoding, byte isExternalRepresentation);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFStringGetLength")]
    internal static partial nint StringGetLength(nint value);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFStringGetCharacters")]
    internal static partial void StringGetCharacters(nint value, CFRange range, char* buffer);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFDataCreate")]
    internal static partial CFReference DataCreate(nint allocator, byte* bytes, nint length);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFDataGetLength")]
    internal static partial nint DataGetLength(nint data);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFDataGetBytePtr")]
    internal static partial byte* DataGetBytePtr(nint data);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFDictionaryCreate")]
    internal static partial CFReference DictionaryCreate(nint allocator, nint* keys, nint* values, nint count, nint keyCallBacks, nint valueCallBacks);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFDictionaryGetValue")]
    internal static partial nint DictionaryGetValue(nint dictionary, nint key);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFArrayGetCount")]
    internal static partial nint ArrayGetCount(nint array);

    [LibraryImport(Frameworks.CoreFoundation, EntryPoint = "CFArrayGetValueAtIndex")]
    internal static partial nint ArrayGetValueAtIndex(nint array, nint index);
}
