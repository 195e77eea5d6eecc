using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>The Security framework's keychain item calls, and the dictionary keys and values they take.</summary>
[SupportedOSPlatform("macos")]
internal static partial class Security
{
    internal static readonly nint Class = Global("kSecClass");

    internal static readonly nint ClassGenericPassword = Global("kSecClassGenericPassword");

    internal static readonly nint AttributeService = Global("kSecAttrService");

    internal static readonly nint AttributeAccount = Global("kSecAttrAccount");

    internal static readonly nint AttributeLabel = Global("kSecAttrLabel");

    internal static readonly nint AttributeGeneric = Global("kSecAttrGeneric");

    internal static readonly nint ValueData = Global("kSecValueData");

    internal static readonly nint ReturnAttributes = Global("kSecReturnAttributes");

    internal static readonly nint ReturnData = Global("kSecReturnData");

    internal static readonly nint MatchLimit = Global("kSecMatchLimit");

    internal static readonly nint MatchLimitOne = Global("kSecMatchLimitOne");

    internal static readonly nint MatchLimitAll = Global("kSecMatchLimitAll");

    [LibraryImport(Frameworks.Security, EntryPoint = "SecItemAdd")]
    internal static partial int AddItem(nint attributes, nint result);

    [LibraryImport(Frameworks.Security, EntryPoint = "SecItemCopyMatching")]
    internal static partial int CopyMatching(nint query, out CFReference result);

    [LibraryImport(Frameworks.Security, EntryPoint = "SecItemUpdate")]
    internal static partial int UpdateItem(nint query, nint attributesToUpdate);

    [LibraryImport(Frameworks.Security, EntryPoint = "SecItemDelete")]
    internal static partial int DeleteItem(nint query);

    [LibraryImport(Frameworks.Security, EntryPoint = "SecCopyErrorMessageString")]
    internal static partial CFReference CopyErrorMessage(int status, nint reserved);

    private static nint Global(string name) => Frameworks.Global(Frameworks.Security, name);
}
