using System.Diagnostics;

namespace Ibmtp.Tests.Support;

/// <summary>Files that are not plain files, and owners that are not the test's user, as a hostile environment plants them.</summary>
public static class SpecialFiles
{
    /// <summary>An unprivileged user that owns nothing of ours: Debian's "nobody".</summary>
    public const int OtherUser = 65534;

    public static string MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        Run("mkfifo", path);
        return path;
    }

    /// <summary>Gives <paramref name="path"/> to <see cref="OtherUser"/>; only root may, and CI runs the tests as root.</summary>
    public static void GiveToAnotherUser(string path)
    {
        Assume.That(Environment.UserName, Is.EqualTo("root"), "giving a file to another user needs root");
        Run("chown", $"{OtherUser}", path);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on another thread and fails the test if it has not returned within
    /// <paramref name="limit"/>: a hang on a FIFO must fail the test, not stall the whole run.
    /// </summary>
    public static T Within<T>(TimeSpan limit, Func<T> call)
    {
        var running = Task.Run(call);
        Assert.That(running.Wait(limit), Is.True, $"still running after {limit.TotalSeconds} s: blocked on a FIFO?");
        return running.Result;
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}
