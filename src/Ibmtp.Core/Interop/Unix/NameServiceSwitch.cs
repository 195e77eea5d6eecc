using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Unix;

/// <summary>
/// Which name-service modules glibc may use. The static Linux binary carries its own glibc, and glibc
/// loads every module /etc/nsswitch.conf names beyond its built-in ones (mdns, sss, systemd's resolve,
/// winbind) as shared libraries built against the host's glibc: loaded into a static process they can
/// crash it or answer wrongly. So the static build uses only what is built into its libc: files and dns
/// for host names, files for users and groups, as the static Go helpers do.
/// </summary>
public static partial class NameServiceSwitch
{
    /// <summary>Overrides /etc/nsswitch.conf for the databases the runtime reads (getaddrinfo, getpwuid_r, getgrouplist).</summary>
    public static void UseBuiltInModulesOnly()
    {
        Configure("hosts", "files dns");
        Configure("passwd", "files");
        Configure("group", "files");
    }

    // glibc's documented override of nsswitch.conf for static programs; it fails only without memory.
    [LibraryImport("libc", EntryPoint = "__nss_configure_lookup", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Configure(string database, string services);
}
