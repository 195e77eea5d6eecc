using System.Text;
using Ibmtp.Platform;

namespace Ibmtp.Tests.Support;

/// <summary>A <see cref="HelperContext"/> whose standard streams are in memory, and what was written to them.</summary>
public sealed class FakeContext
{
    private readonly MemoryStream _output = new();
    private readonly MemoryStream _error = new();

    /// <param name="caller">The program that started the helper, as the executable reads it from its parent process.</param>
    public FakeContext(IEnvironment environment, Stream? input = null, string? caller = null, TimeProvider? time = null)
    {
        Context = new HelperContext
        {
            Environment = environment,
            Input = input ?? Stream.Null,
            Output = new LineWriter(_output),
            Error = new LineWriter(_error),
            CallerName = () => caller,
            Time = time ?? TimeProvider.System,
        };
    }

    public HelperContext Context { get; }

    public string Stdout => Encoding.UTF8.GetString(_output.ToArray());

    public string Stderr => Encoding.UTF8.GetString(_error.ToArray());

    public HelperResult Result(int exitCode) => new(exitCode, Stdout, Stderr);
}
