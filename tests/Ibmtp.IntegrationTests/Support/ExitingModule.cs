using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A shared library that, once loaded, ends the process that loaded it with <see cref="ExitStatusWhenLoaded"/>:
/// what a module of the host (a glibc name-service module, an OpenSSL provider) would be to the static
/// binary, which must never load one.
/// </summary>
public static class ExitingModule
{
    public const int ExitStatusWhenLoaded = 99;

    // No C library: the module must load into any process, and its constructor exits through the system call itself.
    private const string Source = """
        __attribute__((constructor)) static void loaded(void) {
          __asm__ volatile("mov $231, %%eax\n mov $99, %%edi\n syscall" ::: "rax", "rdi", "memory");
        }
        """;

    /// <summary>Compiles the module (x86-64) in <paramref name="folder"/> with clang and returns its path.</summary>
    public static async Task<string> BuildAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var source = Path.Combine(folder, "exiting.c");
        var module = Path.Combine(folder, "exiting.so");
        await File.WriteAllTextAsync(source, Source);
        var compiled = await ProcessRunner.RunAsync(Peers.Require("clang"), ["-shared", "-nostdlib", "-fPIC", "-o", module, source]);
        Assert.That(compiled.ExitCode, Is.Zero, compiled.ToString());
        return module;
    }
}
