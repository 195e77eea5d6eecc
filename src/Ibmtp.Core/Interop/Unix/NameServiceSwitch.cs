using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Unix;

/// <summary>
/// Which name-service modules glibc may use. The static Linux binary carries its own glibc, and glibc
/// loads every module /etc/nsswitch.conf names beyond its built-in ones (mdns, sss, systemd's resolve,
/// winbind) as shared libraries built against the host's glibc: loaded into a static process they can
/// crash it or answer wrongly. So the static build uses only what is built into its libc: files and dns
/// for host names, files for users and groups, as the static Go helpers do.
/// </summary>
public static unsafe partial class NameServiceSwitch
{
    /// <summary>Overrides /etc/nsswitch.conf for the databases the runtime reads (getaddrinfo, getpwuid_r, getgrouplist).</summary>
    public static void UseBuiltInModulesOnly()
    {
        // C strings as UTF-8 literals: this runs first in every start, where marshalling strings would cost more than the calls.
        Configure("hosts\0"u8, "files dns\0"u8);
        Configure("passwd\0"u8, "files\0"u8);
        Configure("group\0"u8, "files\0"u8);
    }

    private static void Configure(ReadOnlySpan<byte> database, ReadOnlySpan<byte> services)
    {
        fixed (byte* databaseName = database)
        fixed (byte* serviceList = services)
            ConfigureLookup(databaseName, serviceList);
    }

    // glibc's documented override of nsswitch.conf for static programs; it fails only without memory.
    [LibraryImport("libc", EntryPoint = "__nss_configure_lookup")]
    private static partial int ConfigureLookup(byte* database, byte* services);
}
