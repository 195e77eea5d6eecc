using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Linux;

/// <summary>The GLib and GObject calls that libsecret's API hands back to its caller: hash tables of attributes, lists, errors, references.</summary>
internal static partial class GLib
{
    private const string GLibLibrary = "libglib-2.0.so.0";
    private const string GObjectLibrary = "libgobject-2.0.so.0";

    // g_hash_table_new takes the hash and equality functions by address; they are GLib's own exports.
    private static readonly Lazy<(nint Hash, nint Equal)> StringFunctions = new(() =>
    {
        var glib = NativeLibrary.Load(GLibLibrary);
        return (NativeLibrary.GetExport(glib, "g_str_hash"), NativeLibrary.GetExport(glib, "g_str_equal"));
    });

    /// <summary>A table of UTF-8 strings that owns neither keys nor values: the caller frees both after the table.</summary>
    public static nint NewStringTable() => HashTableNew(StringFunctions.Value.Hash, StringFunctions.Value.Equal);

    [LibraryImport(GLibLibrary, EntryPoint = "g_hash_table_new")]
    private static partial nint HashTableNew(nint hash, nint equal);

    [LibraryImport(GLibLibrary, EntryPoint = "g_hash_table_insert")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial int HashTableInsert(nint table, nint key, nint value);

    [LibraryImport(GLibLibrary, EntryPoint = "g_hash_table_lookup")]
    public static partial nint HashTableLookup(nint table, nint key);

    [LibraryImport(GLibLibrary, EntryPoint = "g_hash_table_unref")]
    public static partial void HashTableUnref(nint table);

    [LibraryImport(GLibLibrary, EntryPoint = "g_list_free")]
    public static partial void ListFree(nint list);

    [LibraryImport(GLibLibrary, EntryPoint = "g_error_free")]
    public static partial void ErrorFree(nint error);

    [LibraryImport(GLibLibrary, EntryPoint = "g_free")]
    public static partial void Free(nint memory);

    [LibraryImport(GObjectLibrary, EntryPoint = "g_object_unref")]
    public static partial void ObjectUnref(nint instance);

    /// <summary>A GList node: data, then next, then prev.</summary>
    public static IEnumerable<nint> ListItems(nint list)
    {
        for (var node = list; node != 0; node = Marshal.ReadIntPtr(node, nint.Size))
            yield return Marshal.ReadIntPtr(node);
    }

    /// <summary>A GError's message (after its 32-bit domain and code), and frees the error.</summary>
    public static string TakeErrorMessage(nint error)
    {
        var message = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(error, 8)) ?? "unknown error";
        ErrorFree(error);
        return message;
    }
}
