using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Ibmtp.Configuration;
using Ibmtp.Platform;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// Runs the pass found on the given environment's PATH, with that environment's variables only.
/// What pass must keep goes to its stdin: a command line is visible to every user of the machine.
/// Every run shares the command's <paramref name="deadline"/> (IBMTP_TIMEOUT): pass runs gpg, which
/// may wait for a passphrase at a prompt no one sees, and docker waits on the helper.
/// </summary>
public sealed class PassProgram(PassEnvironment environment, Deadline deadline) : IPassProgram
{
    /// <summary>Far more than any login (a secret and a username line); pass is stopped and refused past it.</summary>
    public const int OutputLimit = 256 * 1024;

    // Enough for gpg's reason; what comes after is read and dropped, so pass never stalls on a full pipe.
    private const int ErrorLimit = 64 * 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private string? _executable;

    private string Executable => _executable ??= environment.FindProgram()
        ?? throw new HelperException($"pass is not installed: sudo apt-get install pass, or set {KeystoreKinds.Assignment(KeystoreKind.File)}");

    public void RequireInstalled() => _ = Executable;

    public PassResult Run(IReadOnlyList<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in environment.Variables())
            start.Environment[name] = value;

        var command = $"pass {string.Join(' ', arguments)}";
        using var process = Start(start);
        // Both pipes are drained at once, so neither can fill up and stall pass.
        var output = ReadAsync(process.StandardOutput.BaseStream, OutputLimit, dropExcess: false);
        var error = ReadAsync(process.StandardError.BaseStream, ErrorLimit, dropExcess: true);
        var writing = WriteAsync(process.StandardInput.BaseStream, input);
        var ended = Task.WhenAll(process.WaitForExitAsync(), output, error, writing);
        // An output over the limit ends the wait at once: pass is stopped rather than read to its end.
        var finished = Task.WhenAny(ended, output.ContinueWith(read => read.Result is null ? Task.CompletedTask : ended, TaskScheduler.Default).Unwrap())
            .Wait(deadline.Remaining);
        if (!finished)
        {
            Stop(process);
            throw new HelperException($"{command} had not finished when IBMTP_TIMEOUT ({deadline.Timeout.TotalSeconds:0} s) ran out: gpg is most likely waiting for a passphrase at a prompt no one sees; unlock your key in a terminal first (pass show on any entry asks for it there), then try again");
        }
        if (output.Result is null)
        {
            Stop(process);
            return new PassResult(process.ExitCode, "", "", OutputTooLarge: true);
        }
        return new PassResult(process.ExitCode, Utf8.GetString(output.Result), Utf8.GetString(error.Result!));
    }

    /// <summary>Stops pass with gpg, git and whatever else it started; a daemon (gpg-agent) has left its tree and stays.</summary>
    private static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>The stream's bytes, or null when it holds more than <paramref name="limit"/>; with <paramref name="dropExcess"/> the rest is read and dropped instead.</summary>
    private static async Task<byte[]?> ReadAsync(Stream stream, int limit, bool dropExcess)
    {
        using var content = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var kept = (int)Math.Min(read, limit - content.Length);
            content.Write(buffer, 0, kept);
            if (kept < read && !dropExcess)
                return null;
        }
        return content.ToArray();
    }

    private static async Task WriteAsync(Stream stdin, string? input)
    {
        try
        {
            if (input is not null)
                await stdin.WriteAsync(Utf8.GetBytes(input)).ConfigureAwait(false);
            stdin.Close();
        }
        catch (IOException)
        {
            // pass exited before reading all of it; its exit status and stderr say why.
        }
    }

    private Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new HelperException($"{Executable} could not be started");
        }
        catch (Win32Exception failure)
        {
            throw new HelperException($"{Executable} could not be started ({failure.Message}): reinstall it with sudo apt-get install --reinstall pass, or set {KeystoreKinds.Assignment(KeystoreKind.File)}");
        }
    }
}
