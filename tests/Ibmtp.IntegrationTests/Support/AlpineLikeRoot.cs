namespace Ibmtp.IntegrationTests;

/// <summary>
/// A <see cref="MinimalRoot"/> laid out as Alpine's docker:cli image is, with musl's C library and no
/// other: musl's loader at /lib/ld-musl-x86_64.so.1 and libc.musl-x86_64.so.1 linked to it (Alpine's
/// names, taken from Debian's musl package), /etc/hosts, /etc/passwd, the CA bundle's folder, and the
/// helper; <see cref="InstallStaticDocker"/> adds the docker CLI's static binary at /usr/local/bin/docker.
/// </summary>
public static class AlpineLikeRoot
{
    public const string MuslLoader = "/lib/ld-musl-x86_64.so.1";
    public const string Docker = "/usr/local/bin/docker";

    /// <summary>Where the CA bundle lies in Alpine, from its ca-certificates-bundle package.</summary>
    public const string CaBundle = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>musl's C library and dynamic loader in one file, as Debian's musl package installs it.</summary>
    private const string DebianMusl = "/lib/x86_64-linux-musl/libc.so";

    public static async Task<MinimalRoot> CreateAsync()
    {
        var musl = Peers.RequireFile(DebianMusl, "musl");
        var root = await MinimalRoot.CreateAsync(MinimalRoot.InstalledHelper);
        root.Environment["HOME"] = "/root";
        root.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        Directory.CreateDirectory(root.Outside("/root"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        root.CopyIn(musl, MuslLoader);
        File.CreateSymbolicLink(root.Outside("/lib/libc.musl-x86_64.so.1"), Path.GetFileName(MuslLoader));
        root.WriteFile("/etc/hosts", "127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n");
        root.WriteFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n");
        Directory.CreateDirectory(root.Outside(Path.GetDirectoryName(CaBundle)!));
        return root;
    }

    /// <summary>
    /// Copies the machine's docker CLI to <see cref="Docker"/> in <paramref name="root"/>. It must be the static
    /// build Docker ships, as in docker:cli: a dynamic one (Debian's docker.io) would not start in a musl root.
    /// </summary>
    public static void InstallStaticDocker(MinimalRoot root)
    {
        var docker = Peers.Require("docker");
        if (ElfProgram.Read(docker) is not { IsStatic: true })
            throw Peers.Unavailable($"{docker} is not a static executable, which a musl-only root needs; install Docker's static CLI (https://download.docker.com/linux/static/stable/) at /usr/local/bin/docker");
        root.CopyIn(docker, Docker);
    }
}
