using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Linux;

/// <summary>
/// libsecret's synchronous API, the freedesktop Secret Service client GNOME and docker-credential-secretservice
/// use. Loaded on first call, so a helper that never uses the Secret Service never loads it or GLib.
/// </summary>
internal static partial class LibSecret
{
    public const string Library = "libsecret-1.so.0";

    // SecretServiceFlags
    public const int OpenSession = 1 << 1;
    public const int LoadCollections = 1 << 2;

    // SecretSearchFlags
    public const int SearchAll = 1 << 1;
    public const int SearchLoadSecrets = 1 << 3;

    [LibraryImport(Library, EntryPoint = "secret_service_get_sync")]
    public static partial nint ServiceGet(int flags, nint cancellable, out nint error);

    [LibraryImport(Library, EntryPoint = "secret_collection_for_alias_sync", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CollectionForAlias(nint service, string alias, int flags, nint cancellable, out nint error);

    [LibraryImport(Library, EntryPoint = "secret_collection_get_locked")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial int CollectionGetLocked(nint collection);

    [LibraryImport(Library, EntryPoint = "secret_collection_get_label")]
    public static partial nint CollectionGetLabel(nint collection);

    [LibraryImport(Library, EntryPoint = "secret_service_search_sync")]
    public static partial nint Search(nint service, nint schema, nint attributes, int flags, nint cancellable, out nint error);

    [LibraryImport(Library, EntryPoint = "secret_item_get_attributes")]
    public static partial nint ItemGetAttributes(nint item);

    [LibraryImport(Library, EntryPoint = "secret_item_get_locked")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial int ItemGetLocked(nint item);

    [LibraryImport(Library, EntryPoint = "secret_item_get_secret")]
    public static partial nint ItemGetSecret(nint item);

    [LibraryImport(Library, EntryPoint = "secret_value_get")]
    public static partial nint ValueGet(nint value, out nuint length);

    [LibraryImport(Library, EntryPoint = "secret_value_unref")]
    public static partial void ValueUnref(nint value);

    [LibraryImport(Library, EntryPoint = "secret_password_storev_sync", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial int PasswordStore(nint schema, nint attributes, string? collection, string label, nint password, nint cancellable, out nint error);

    [LibraryImport(Library, EntryPoint = "secret_password_clearv_sync")]
    [return: MarshalAs(UnmanagedType.I4)]
    public static partial int PasswordClear(nint schema, nint attributes, nint cancellable, out nint error);
}
