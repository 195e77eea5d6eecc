using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Ibmtp.Configuration;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// Runs the pass found on the given environment's PATH, with that environment's variables only.
/// What pass must keep goes to its stdin: a command line is visible to every user of the machine.
/// </summary>
public sealed class PassProgram(PassEnvironment environment) : IPassProgram
{
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
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in environment.Variables())
            start.Environment[name] = value;

        using var process = Start(start);
        // Both pipes are drained at once, so neither can fill up and stall pass.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            if (input is not null)
                process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // pass exited before reading all of it; its exit status and stderr say why.
        }
        process.WaitForExit();
        return new PassResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
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
