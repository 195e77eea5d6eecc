using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>
/// A CFDictionary put together key by key. It owns the strings and data it creates for its values
/// and the dictionary it builds, and releases them all when disposed.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class CFDictionaryBuilder : IDisposable
{
    private readonly List<nint> _keys = [];
    private readonly List<nint> _values = [];
    private readonly List<CFReference> _owned = [];

    /// <summary>Adds a value this builder does not own, such as a framework constant.</summary>
    internal CFDictionaryBuilder Set(nint key, nint value)
    {
        _keys.Add(key);
        _values.Add(value);
        return this;
    }

    internal CFDictionaryBuilder Set(nint key, string value) => Own(key, CFValues.String(value));

    internal CFDictionaryBuilder Set(nint key, ReadOnlySpan<byte> value) => Own(key, CFValues.Data(value));

    /// <summary>The dictionary of everything set so far, valid until this builder is disposed.</summary>
    internal unsafe nint Build()
    {
        fixed (nint* keys = CollectionsMarshal.AsSpan(_keys))
        fixed (nint* values = CollectionsMarshal.AsSpan(_values))
        {
            var dictionary = CFValues.Created(CoreFoundation.DictionaryCreate(0, keys, values, _keys.Count, CoreFoundation.TypeDictionaryKeyCallBacks, CoreFoundation.TypeDictionaryValueCallBacks));
            _owned.Add(dictionary);
            return dictionary.Value;
        }
    }

    public void Dispose()
    {
        foreach (var reference in _owned)
            reference.Dispose();
    }

    private CFDictionaryBuilder Own(nint key, CFReference value)
    {
        _owned.Add(value);
        return Set(key, value.Value);
    }
}
