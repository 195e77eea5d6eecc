using System.Diagnostics;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>Runs a program to completion with arguments passed one by one, never through a shell.</summary>
public static class ProcessRunner
{
    private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Runs <paramref name="fileName"/> and captures its output. On timeout the whole process tree is
    /// killed and a <see cref="TimeoutException"/> carries what it had printed so far.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, ProcessOptions? options = null)
    {
        options ??= new ProcessOptions();
        var startInfo = CreateStartInfo(fileName, arguments, options);
        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(fileName));

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {commandLine}");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();

        using var deadline = new CancellationTokenSource(options.Timeout);
        try
        {
            await WriteStandardInputAsync(process, options.StandardInputBytes ?? EncodeOrNull(options.StandardInput), deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            // A grandchild that inherited the pipes can hold them open after the child exits.
            await Task.WhenAll(standardOutput, standardError).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAny(Task.WhenAll(standardOutput, standardError), Task.Delay(TimeSpan.FromSeconds(2)));
            throw new TimeoutException(
                $"{commandLine} did not finish within {options.Timeout}.\nstdout:\n{Settled(standardOutput)}\nstderr:\n{Settled(standardError)}");
        }

        return new ProcessResult(commandLine, process.ExitCode, await standardOutput, await standardError);
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IEnumerable<string> arguments, ProcessOptions options)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8WithoutBom,
            StandardOutputEncoding = Utf8WithoutBom,
            StandardErrorEncoding = Utf8WithoutBom,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (!options.InheritEnvironment)
        {
            startInfo.Environment.Clear();
        }

        foreach (var (name, value) in options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static string Settled(Task<string> output) =>
        output.IsCompletedSuccessfully ? output.Result : "(not captured: the stream was still open)";

    private static byte[]? EncodeOrNull(string? text) => text is null ? null : Utf8WithoutBom.GetBytes(text);

    private static async Task WriteStandardInputAsync(Process process, byte[]? input, CancellationToken cancellation)
    {
        try
        {
            if (input is not null)
            {
                // Straight to the pipe, so nothing stays buffered for a later flush to fail on.
                await process.StandardInput.BaseStream.WriteAsync(input, cancellation);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited or closed stdin without reading it all; its exit code tells the story.
        }
    }
}
